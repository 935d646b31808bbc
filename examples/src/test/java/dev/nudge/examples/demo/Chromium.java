package dev.nudge.examples.demo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests, through {@code /usr/bin/chromedriver} (or {@code
 * -Dwebdriver.chrome.driver}); a test that asks for it where there is none is skipped, and reported
 * so.
 */
final class Chromium {
  private static final String DRIVER =
      System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
  private static final String BROWSER =
      System.getProperty("nudge.test.chromium", "/usr/bin/chromium");

  private Chromium() {}

  /** Starts a headless browser, or skips the calling test when there is no driver. */
  static ChromeDriver start() {
    assumeTrue(
        Files.isExecutable(Path.of(DRIVER)),
        "no chromedriver at "
            + DRIVER
            + ": install chromium and chromium-driver (apt-get install -y chromium"
            + " chromium-driver) to run the browser test");
    ChromeOptions options = new ChromeOptions();
    if (Files.isExecutable(Path.of(BROWSER))) {
      options.setBinary(BROWSER);
    }
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    return chrome;
  }
}
