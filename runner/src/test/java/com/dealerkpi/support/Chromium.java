package com.dealerkpi.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser tests' browser: Debian's chromium and chromium-driver, headless, its console logged. Where they are not
 * installed the test is skipped, unless {@code -Ddashboard.browser.required=true} (CI sets it) makes that a failure.
 */
public final class Chromium {
    private static final Path CHROMIUM = Path.of(System.getProperty("dashboard.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    public static WebDriver start() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (Boolean.getBoolean("dashboard.browser.required")) {
            assertTrue(installed, "chromium and chromedriver are required here: " + CHROMIUM + ", " + DRIVER);
        }
        Assumptions.assumeTrue(installed, "no chromium/chromedriver installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
    }

    /**
     * Fails on any error in the browser's console since the last look, but for lines holding one of {@code expected}
     * (the 403 of a screen a test expects refused), which are then forgotten.
     */
    public static void assertNoConsoleErrors(WebDriver browser, List<String> expected) {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).filter(message -> expected.stream().noneMatch(message::contains)).toList();
        expected.clear();
        assertEquals(List.of(), errors, "errors in the browser console");
    }
}
