package io.vigil.common.problem;

import java.util.List;

/** Well-formed input that a business rule refuses (422), naming each field the rule needs. */
public class UnprocessableException extends ValidationException {

    public UnprocessableException(String detail, List<FieldError> errors) {
        super(errors);
        this.detail = detail;
    }

    private final String detail;

    @Override
    public String getMessage() {
        return detail;
    }
}
