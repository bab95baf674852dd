package io.vigil.api;

import static io.restassured.RestAssured.given;
import static io.vigil.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health (with the database), Prometheus metrics, and an OpenAPI document that covers every endpoint. */
@QuarkusTest
class OperabilityTest {

    @Test
    void healthIncludesTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        asAdmin().get("/api/v1/me").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/api/v1/me\""));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void openApiDocumentsEveryEndpoint() {
        Map<String, Map<String, Object>> paths = given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().path("paths");
        given().accept("application/json").get("/q/openapi?format=json").then()
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("security[0].bearer", org.hamcrest.Matchers.notNullValue());
        List<String> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThan(25);
        for (String endpoint : endpoints) {
            String[] parts = endpoint.split(" ", 2);
            assertThat(paths).as("OpenAPI paths").containsKey(parts[1]);
            Map<String, Object> operations = paths.get(parts[1]);
            assertThat(operations).as(endpoint).containsKey(parts[0].toLowerCase());
            @SuppressWarnings("unchecked")
            Map<String, Object> operation = (Map<String, Object>) operations.get(parts[0].toLowerCase());
            assertThat(operation).as(endpoint + " has a summary").containsKey("summary");
        }
    }

    /** "METHOD /path" of every resource method in the service, found by reflection. */
    private static List<String> endpoints() {
        List<String> result = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.vigil")) {
            if (!type.isAnnotatedWith(Path.class)) continue;
            Class<?> resource = type.reflect();
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb == null) continue;
                Path sub = method.getAnnotation(Path.class);
                String path = sub == null ? base : base + "/" + sub.value();
                result.add(verb + " " + path.replaceAll("/+", "/"));
            }
        }
        return result;
    }

    private static String verb(Method method) {
        for (Class<? extends Annotation> verb : List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class)) {
            if (method.isAnnotationPresent(verb)) return verb.getSimpleName();
        }
        return null;
    }
}
