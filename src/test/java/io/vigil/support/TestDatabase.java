package io.vigil.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Applies {@link PostgresTestResource} to every {@code @QuarkusTest} in the module. */
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
public final class TestDatabase {
    private TestDatabase() {
    }
}
