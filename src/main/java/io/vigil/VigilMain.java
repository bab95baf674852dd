package io.vigil;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.vigil.common.persistence.EmbeddedDatabase;

/**
 * Entry point. When no external PostgreSQL is configured, starts the embedded PostgreSQL 17
 * (data in {@code oncall.data-dir}) before Quarkus reads its datasource settings, and stops it
 * after Quarkus has shut down. See docs/adr/0002-embedded-postgresql.md.
 */
@QuarkusMain
public final class VigilMain {

    private VigilMain() {
    }

    public static void main(String... args) throws Exception {
        try (EmbeddedDatabase embedded = EmbeddedDatabase.startUnlessExternalConfigured(System.getenv(),
                System.getProperties())) {
            Quarkus.run(args);
        }
    }
}
