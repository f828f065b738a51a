package org.crmhub.testsupport;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A headless Chromium for the browser tests: the machine's own browser and chromedriver (Debian's
 * {@code chromium} and {@code chromium-driver}; other paths with {@code hub.browser.chromium} and
 * {@code hub.browser.chromedriver}). Nothing is downloaded. The browser resolves no host name but
 * 127.0.0.1 and runs none of its background services, so it can reach nothing but loopback; a page
 * that tried to load anything from elsewhere fails, and its console says so.
 */
public final class Browser implements AutoCloseable {

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser open() {
        File chromium = new File(System.getProperty("hub.browser.chromium", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("hub.browser.chromedriver", "/usr/bin/chromedriver"));
        if (!chromium.canExecute() || !chromedriver.canExecute()) {
            // never a silent skip: the browser profile promises these tests ran
            throw new IllegalStateException("The browser tests need Chromium and chromedriver (" + chromium + ", "
                    + chromedriver + "). On Debian: apt-get install chromium chromium-driver (.ci/run does).");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--lang=en-US",
                // loopback only: no name resolves but 127.0.0.1, and no background traffic
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                "--no-first-run", "--no-default-browser-check", "--no-pings", "--disable-default-apps",
                "--disable-extensions", "--metrics-recording-only",
                "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);   // DevTools' network events: the WebSocket frames
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver)
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    public WebDriver driver() {
        return driver;
    }

    public void go(String url) {
        driver.get(url);
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage(() -> "waiting for \"" + text + "\" in " + by + "; it shows: " + textOf(by)
                        + "\n  the page shows: " + pageText()
                        + "\n  console: " + String.join("\n  ", console()))
                .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Waits until the condition holds; on timeout, says what the page showed and wrote to its console. */
    public void waitUntil(String what, java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> shows) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage(() -> "waiting for " + what + "; the page shows: " + shows.get()
                        + "\n  console: " + String.join("\n  ", console()))
                .until(d -> condition.getAsBoolean());
    }

    /** The element's text now; a live page may replace the element between finding and reading it. */
    public String textOf(By by) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> found = driver.findElements(by);
                return found.isEmpty() ? "(nothing)" : found.get(0).getText();
            } catch (StaleElementReferenceException replaced) {
                if (attempt == 3) {
                    return "(replaced while being read)";
                }
            }
        }
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Signs in on Keycloak's login page, which the browser must be showing. */
    public void signInOnKeycloak(String username, String password) {
        waitFor(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /** What the page wrote to its console so far (errors include refused loads and CSP violations). */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString).toList();
    }

    /** The payload of every WebSocket frame the page received so far (from DevTools' network events). */
    public List<String> webSocketFramesReceived() {
        drainNetworkEvents();
        return List.copyOf(framesReceived);
    }

    /** The body of every POST the page sent so far to a URL ending with {@code path}. */
    public List<String> postsTo(String path) {
        drainNetworkEvents();
        return posts.stream().filter(p -> p.getKey().endsWith(path)).map(Map.Entry::getValue).toList();
    }

    private void drainNetworkEvents() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            JsonNode params = message.path("params");
            switch (message.path("method").asString()) {
                case "Network.webSocketFrameReceived" -> framesReceived.add(params.path("response").path("payloadData").asString());
                case "Network.requestWillBeSent" -> {
                    JsonNode request = params.path("request");
                    if ("POST".equals(request.path("method").asString())) {
                        posts.add(Map.entry(request.path("url").asString(), request.path("postData").asString("")));
                    }
                }
                default -> { }
            }
        }
    }

    private final List<String> framesReceived = new java.util.ArrayList<>();
    private final List<Map.Entry<String, String>> posts = new java.util.ArrayList<>();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    public Map<String, Object> capabilities() {
        return driver.getCapabilities().asMap();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
