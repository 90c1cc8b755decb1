package dev.vaani.console;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromium-driver. Both paths are set explicitly, so Selenium
 * Manager never looks for (or downloads) a browser or driver.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * Where the test run saves its screenshots: target/, so a test run leaves the checkout as it found it;
     * {@code -Dvaani.screenshots=docs/console} refreshes the committed ones the README shows.
     */
    static final Path SCREENSHOTS = Path.of(System.getProperty("vaani.screenshots", "target/console-screenshots"));

    private static final Duration PAGE_LOAD = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String baseUrl;

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A browser on the test's server; skips the test class where Chromium is not installed. */
    static Browser onTestServer(int port) {
        assumeThat(available())
                .as("Chromium and chromium-driver are not installed (sudo bash scripts/install-test-browser.sh); "
                        + "skipping the console's browser tests").isTrue();
        return new Browser("http://127.0.0.1:" + port);
    }

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-IN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    WebElement find(String css) {
        try {
            return driver.findElement(By.cssSelector(css));
        } catch (org.openqa.selenium.NoSuchElementException e) {
            throw new AssertionError("No " + css + " on " + driver.getCurrentUrl() + ":\n" + visibleText(), e);
        }
    }

    /** The page as the operator reads it, for failure messages. */
    String visibleText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Clicks something that loads a new page and returns once that page is loaded: a find straight after a plain
     * click can still see the old page (or no page, mid-navigation), which made these tests flaky.
     */
    void clickToLoad(String css) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        find(css).click();
        await(PAGE_LOAD, ExpectedConditions.stalenessOf(oldPage));
        await(PAGE_LOAD, d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    String text(String css) {
        return find(css).getText();
    }

    /**
     * Waits for the condition, asking again when asking fails: mid-navigation, chromedriver can fail a question to the
     * page being torn down with something other than "stale" (seen once in CI, on the html element of clickToLoad's old
     * page), which only means "not yet". On timeout the last failure is the cause.
     */
    <T> T await(Duration timeout, ExpectedCondition<T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(WebDriverException.class);
        return wait.until(condition);
    }

    String cookie(String name) {
        var cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    /** Runs {@code steps} in a window a phone's width (390 px), then gives the window its size back. */
    void onAPhone(Runnable steps) {
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(390, 900));
        try {
            steps.run();
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** How many lines the element's text is laid out on (its line boxes, told apart by their tops). */
    long linesOf(WebElement element) {
        Number lines = (Number) driver.executeScript("""
                const range = document.createRange();
                range.selectNodeContents(arguments[0]);
                return new Set(Array.from(range.getClientRects(), r => Math.round(r.top))).size;""", element);
        return lines.longValue();
    }

    /** Whether the page itself is wider than the window, so the reader has to scroll it sideways. */
    boolean pageScrollsSideways() {
        return (Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    }

    /** Saves the page as {name}.png in {@link #SCREENSHOTS} at the given width (the height fits the page, up to a limit). */
    void screenshot(String name, int width) {
        Dimension before = driver.manage().window().getSize();
        try {
            Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(width, Math.min(2400, Math.max(700, height.intValue() + 20))));
            driver.executeScript("window.scrollTo(0, 0)");
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
