package io.vigil.user.api;

import io.vigil.user.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;

/** Body of {@code POST /users}. {@code timeZone} is an IANA zone id; {@code languages} are BCP 47 tags. */
public record CreateUserRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,62}",
                message = "must be 2-63 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit")
        String handle,
        @NotBlank @Size(max = 200) String displayName,
        @NotBlank @Email @Size(max = 320) String email,
        @Pattern(regexp = "[UW][A-Z0-9]{2,20}", message = "must be a Slack member id such as U0123ABCD") String slackUserId,
        @NotBlank @Size(max = 64) String timeZone,
        @NotEmpty Set<@NotNull Role> roles,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*",
                message = "must be a BCP 47 language tag such as en or pt-BR") String> languages) {
}
