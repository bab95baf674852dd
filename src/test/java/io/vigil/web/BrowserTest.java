package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web pages in a real browser (Debian's Chromium driven by Playwright): sign in with a token,
 * read the KPIs and charts on {@code /reports}, follow an incident on {@code /incidents/{id}}, on a
 * laptop and on a phone. Screenshots go to {@code target/screenshots/}. Skipped where Chromium is not
 * installed, unless {@code VIGIL_REQUIRE_BROWSER=true} (CI, which installs it).
 */
@QuarkusTest
class BrowserTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SHOTS = Paths.get("target/screenshots");

    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void launch() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("true".equals(System.getenv("VIGIL_REQUIRE_BROWSER"))) {
                throw new AssertionError("Chromium is required (VIGIL_REQUIRE_BROWSER=true) but " + CHROMIUM
                        + " is missing; .ci/run installs it");
            }
            Assumptions.abort("no Chromium at " + CHROMIUM + "; apt-get install chromium to run the browser test");
        }
        Files.createDirectories(SHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void aLeaderSignsInReadsTheReportsAndFollowsAnIncident() {
        TestUser commander = Api.user("COMMANDER");
        String incident = Api.declare(commander.request(), "ABUSE_HARASSMENT", "SEV2");
        String reference = Api.asAdmin().get("/api/v1/incidents/" + incident).then().extract().path("reference");
        Api.changeStatus(commander.request(), incident, "INVESTIGATING").then().statusCode(200);
        TestUser leader = Api.user("LEADERSHIP");
        String root = base.toString().replaceAll("/$", "");

        try (BrowserContext laptop = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = laptop.newPage();
            page.navigate(root + "/reports");
            assertThat(page.url()).contains("/login?next=%2Freports");
            page.fill("input[name=token]", leader.token());
            page.click("button[type=submit]");
            page.waitForURL("**/reports");

            int incidents = Integer.parseInt(page.textContent("[data-kpi=incidents]").trim());
            assertThat(incidents).isGreaterThanOrEqualTo(1);
            assertThat(page.textContent("[data-kpi=mtta]")).isNotBlank();
            assertThat(page.locator("#chart-incidents svg").count()).isEqualTo(1);
            assertThat(page.locator("#chart-incidents svg rect").count()).isGreaterThan(4); // bars and legend
            assertThat(page.locator("#chart-trend svg").count()).isEqualTo(1);
            assertThat(page.locator("#chart-incidents svg").boundingBox().width).isGreaterThan(300);
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("reports.png")).setFullPage(true));

            page.navigate(root + "/incidents/" + incident);
            assertThat(page.textContent("h1")).contains(reference);
            assertThat(page.locator("#timeline tr").count()).isGreaterThan(2); // header, DECLARED, STATUS_CHANGED
            assertThat(page.textContent("#timeline")).contains("DECLARED").contains("INVESTIGATING");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("incident.png")).setFullPage(true));

            page.click("text=Sign out");
            page.waitForURL("**/login");
            page.navigate(root + "/");
            assertThat(page.url()).contains("/login");
        }

        try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setIsMobile(true).setHasTouch(true))) {
            Page page = phone.newPage();
            page.navigate(root + "/login?next=%2F");
            page.fill("input[name=token]", leader.token());
            page.click("button[type=submit]");
            page.waitForURL(root + "/");
            assertThat(page.textContent("h1")).contains("Open incidents");
            // nothing wider than the phone: no sideways scrolling
            Object overflow = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1");
            assertThat(overflow).isEqualTo(true);
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("now-phone.png")).setFullPage(true));
        }
        assertThat(SHOTS.resolve("reports.png")).exists();
    }
}
