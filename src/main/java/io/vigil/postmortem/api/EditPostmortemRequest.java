package io.vigil.postmortem.api;

import jakarta.validation.constraints.Size;

/** {@code PUT /postmortems/{id}}: the fields to change; an absent field is left as it is. */
public record EditPostmortemRequest(@Size(max = 20_000) String summary, @Size(max = 20_000) String impact,
                                    @Size(max = 20_000) String rootCause,
                                    @Size(max = 20_000) String contributingFactors,
                                    @Size(max = 20_000) String wentWell, @Size(max = 20_000) String wentWrong) {
}
