package io.pushback.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An operator uses the console in a real browser against the real embedded server: signs in,
 * creates a partner and a signature endpoint, sees its secret once, sends the example request shown
 * on the page, finds the delivery, replays it, rotates the credentials and disables the endpoint.
 */
final class ConsoleIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Path SCREENSHOT =
      Path.of(System.getProperty("console.screenshot", "target/console-screenshot.png"));

  private final CountingSaga saga = new CountingSaga();
  private TestServer server;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void start(@TempDir Path profile) throws Exception {
    server = TestServer.start(List.of(saga));
    browser = Chromium.start(profile.resolve("chromium-profile"));
    wait = new WebDriverWait(browser, WAIT);
  }

  @AfterEach
  void stop() {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  void operatorCreatesSignatureEndpointAndFollowsItsFirstDelivery() throws Exception {
    signIn(TestServer.ADMIN_TOKEN);

    // a partner
    type(By.id("new-partner-slug"), "acme");
    type(By.id("new-partner-name"), "Acme Lending");
    click(By.cssSelector("#new-partner button[type=submit]"));
    heading("Acme Lending");

    // a signature endpoint: the secret is shown once, with the example that uses it
    type(By.cssSelector("#new-endpoint input[name=name]"), "loan-status");
    new Select(find(By.cssSelector("#new-endpoint select[name=saga]")))
        .selectByVisibleText(CountingSaga.NAME);
    assertThat(new Select(find(By.id("new-endpoint-method"))).getFirstSelectedOption().getText())
        .startsWith("Signature");
    click(By.cssSelector("#new-endpoint button[type=submit]"));
    String secret = text(By.cssSelector("#secret-panel code[data-secret=secret]"));
    assertThat(text(By.id("secret-panel"))).contains("will not be shown again");
    CurlExample example = new CurlExample(text(By.id("curl-example")));
    assertThat(example.secret()).isEqualTo(secret);
    assertThat(example.url()).isEqualTo(text(By.id("endpoint-url"))).contains("/pushback/");
    assertThat(example.headerNames()).contains("PUSHBACK_SIGNATURE");

    // the example, sent as shown, is accepted
    HttpResponse<String> sent = server.send(example.request());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

    // after a reload the secret is gone from the page
    browser.navigate().refresh();
    heading("loan-status");
    assertThat(browser.findElements(By.id("secret-panel"))).isEmpty();
    assertThat(browser.getPageSource()).doesNotContain(secret);

    // the delivery is listed; its detail shows the signature redacted
    click(By.id("refresh-deliveries"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#deliveries tbody tr"), "succeeded"));
    click(By.cssSelector("#deliveries tbody tr a"));
    heading("Delivery #");
    assertThat(headerValue("pushback_signature")).isEqualTo("[redacted]");
    assertThat(text(By.id("delivery-parameters"))).contains("\"event\": \"test\"");
    assertThat(find(By.cssSelector(".details")).getText()).contains("run 1");
    assertThat(browser.getPageSource()).doesNotContain(secret);

    // replay it
    click(By.id("replay"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "queued for replay"));
    wait.until(ignored -> saga.runs() == 2);
    click(By.id("refresh-delivery"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".details"), "run 2"));

    // rotate: a new secret, shown once, that the example now carries
    click(By.linkText("loan-status"));
    heading("loan-status");
    click(By.cssSelector("#rotate button[type=submit]"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("secret-title"), "after rotation"));
    String rotated = text(By.cssSelector("#secret-panel code[data-secret=secret]"));
    assertThat(rotated).isNotEqualTo(secret);
    CurlExample afterRotation = new CurlExample(text(By.id("curl-example")));
    assertThat(server.send(afterRotation.request()).statusCode()).isEqualTo(200);
    assertThat(server.send(example.request()).statusCode())
        .as("the old secret, without overlap")
        .isEqualTo(401);
    browser.navigate().refresh();
    heading("loan-status");
    assertThat(browser.findElements(By.id("secret-panel"))).isEmpty();

    // disable it: the URL stops answering
    click(By.id("toggle-enabled"));
    wait.until(ExpectedConditions.textToBe(By.id("endpoint-state"), "disabled"));
    assertThat(server.send(afterRotation.request()).statusCode()).isEqualTo(404);
    assertThat(find(By.id("toggle-enabled")).getText()).isEqualTo("Enable endpoint");

    assertNoBrowserErrors();
    Files.createDirectories(SCREENSHOT.toAbsolutePath().getParent());
    Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void wrongTokenIsRefusedAndSignOutForgetsTheToken() {
    signInExpectingError("not-the-admin-token-at-all");
    assertThat(text(By.id("error"))).contains("not accepted");

    signIn(TestServer.ADMIN_TOKEN);
    click(By.id("sign-out"));
    find(By.id("token"));
    assertThat(browser.executeScript("return sessionStorage.length")).isEqualTo(0L);
    browser.navigate().refresh();
    assertThat(find(By.id("token")).isDisplayed()).isTrue();
  }

  @Test
  void showsTheApiMessageOfARefusedCreate() {
    signIn(TestServer.ADMIN_TOKEN);
    type(By.id("new-partner-slug"), "acme");
    type(By.id("new-partner-name"), "Acme Lending");
    click(By.cssSelector("#new-partner button[type=submit]"));
    heading("Acme Lending");
    click(By.linkText("Partners"));
    heading("Partners");
    type(By.id("new-partner-slug"), "acme");
    type(By.id("new-partner-name"), "Acme again");
    click(By.cssSelector("#new-partner button[type=submit]"));

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(text(By.id("error"))).contains("409").contains("slug is already taken");
  }

  private void signIn(String token) {
    browser.get(server.uri("/console/").toString());
    type(By.id("token"), token);
    click(By.cssSelector("#sign-in button[type=submit]"));
    heading("Partners");
  }

  private void signInExpectingError(String token) {
    browser.get(server.uri("/console/").toString());
    type(By.id("token"), token);
    click(By.cssSelector("#sign-in button[type=submit]"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
  }

  private void heading(String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), text));
  }

  private WebElement find(By by) {
    try {
      return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    } catch (TimeoutException e) {
      throw new AssertionError(by + " did not show; the page says: " + pageSummary(), e);
    }
  }

  /** The heading, the status and any error on the page, for a failure message. */
  private String pageSummary() {
    return browser.findElements(By.cssSelector("h1, #status, #error")).stream()
            .map(WebElement::getText)
            .filter(t -> !t.isBlank())
            .toList()
        + " at "
        + browser.getCurrentUrl();
  }

  private String text(By by) {
    return find(by).getText();
  }

  private void type(By by, String text) {
    WebElement input = find(by);
    input.clear();
    input.sendKeys(text);
  }

  private void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  private String headerValue(String name) {
    for (WebElement row : browser.findElements(By.cssSelector("#delivery-headers tbody tr"))) {
      List<WebElement> cells = row.findElements(By.tagName("td"));
      if (cells.get(0).getText().toLowerCase(Locale.ROOT).equals(name)) {
        return cells.get(1).getText();
      }
    }
    throw new AssertionError("no header " + name + " on the delivery page");
  }

  /** CSP violations, failed loads and script errors show up as SEVERE console entries. */
  private void assertNoBrowserErrors() {
    List<String> severe =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .toList();
    assertThat(severe).isEmpty();
  }
}
