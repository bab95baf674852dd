package io.vigil.support;

import static io.restassured.RestAssured.given;
import static io.vigil.support.Api.PROBLEM_JSON;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * REST Assured assertions on {@code application/problem+json} answers, and the request helpers
 * the endpoint tests share. Each assertion returns the {@link ValidatableResponse}, so a test
 * chains what it checks beyond that.
 */
public final class Problems {

    private Problems() {
    }

    /** The answer is {@code status} as {@code application/problem+json}; the body is not looked at. */
    public static ValidatableResponse problemJson(Response response, int status) {
        return response.then().log().ifValidationFails()
                .statusCode(status)
                .contentType(PROBLEM_JSON);
    }

    /** As {@link #problemJson}, and the body's {@code status} member is {@code status} too. */
    public static ValidatableResponse problemStatus(Response response, int status) {
        return problemJson(response, status).body("status", equalTo(status));
    }

    /** A whole problem document: as {@link #problemStatus}, with a {@code title} and a {@code /problems/…} type. */
    public static ValidatableResponse problem(Response response, int status) {
        return problemStatus(response, status)
                .body("title", notNullValue())
                .body("type", startsWith("/problems/"));
    }

    /** A 400 {@code /problems/validation} problem document. */
    public static ValidatableResponse validationProblem(Response response) {
        return problem(response, 400).body("type", equalTo("/problems/validation"));
    }

    /** A 400 {@code /problems/validation} problem document, one of whose errors is on {@code field}. */
    public static ValidatableResponse validationProblem(Response response, String field) {
        return validationProblem(response).body("errors.field", hasItem(field));
    }

    /** The request with an empty JSON object as its body on POST and PUT, and no body on other methods. */
    public static RequestSpecification withBody(RequestSpecification request, String method) {
        return method.equals("POST") || method.equals("PUT") ? request.body("{}") : request;
    }

    /** The request with {@code body} (as JSON) on POST and PUT, and no body on other methods. */
    public static RequestSpecification withBody(RequestSpecification request, String method, Map<String, ?> body) {
        return method.equals("POST") || method.equals("PUT") ? request.body(body) : request;
    }

    /** The request with {@code body} sent as it stands, or with no body at all when it is empty. */
    public static RequestSpecification withRawBody(RequestSpecification request, String body) {
        return body.isEmpty() ? request : request.body(body);
    }

    /** {@code method path} sent as {@code request} is a 401 {@code /problems/unauthenticated} problem. */
    public static ValidatableResponse unauthenticated(RequestSpecification request, String method, String path) {
        return problem(request.request(method, path), 401)
                .body("type", equalTo("/problems/unauthenticated"));
    }

    /**
     * {@code method path} with no {@code Authorization} header (a JSON {@code {}} body on POST and
     * PUT) is a 401 unauthenticated problem with a Bearer challenge.
     */
    public static ValidatableResponse unauthenticatedWithoutToken(String method, String path) {
        return unauthenticated(withBody(given().contentType(ContentType.JSON), method), method, path)
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    /** {@code method path} with {@code token}, never issued, as bearer token is a 401 unauthenticated problem. */
    public static ValidatableResponse unauthenticatedWithToken(String token, String method, String path) {
        return unauthenticated(withBody(Api.as(token), method), method, path);
    }

    /**
     * The two 401 tests of an endpoint test class that implements this: every {@code (method, path)}
     * of its static {@code everyEndpoint()} source, without a token and with {@link #unknownToken()},
     * is as {@link #unauthenticatedWithoutToken} and {@link #unauthenticatedWithToken} say.
     */
    public interface EveryEndpointNeedsAToken {

        /** A bearer token that was never issued. */
        String unknownToken();

        @ParameterizedTest(name = "{0} {1} without a token is 401")
        @MethodSource("everyEndpoint")
        default void missingTokenIs401(String method, String path) {
            unauthenticatedWithoutToken(method, path);
        }

        @ParameterizedTest(name = "{0} {1} with an unknown token is 401")
        @MethodSource("everyEndpoint")
        default void unknownTokenIs401(String method, String path) {
            unauthenticatedWithToken(unknownToken(), method, path);
        }
    }
}
