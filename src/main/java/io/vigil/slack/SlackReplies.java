package io.vigil.slack;

import io.vigil.common.problem.DomainException;
import io.vigil.common.problem.ValidationException;
import java.util.stream.Collectors;

/** How refusals read in Slack: the same words REST gives in its problem documents. */
final class SlackReplies {

    private SlackReplies() {
    }

    static String explain(DomainException e) {
        if (e instanceof ValidationException v && !v.errors().isEmpty()) {
            return v.errors().stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        }
        return e.getMessage();
    }
}
