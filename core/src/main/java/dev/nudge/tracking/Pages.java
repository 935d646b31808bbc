package dev.nudge.tracking;

import dev.nudge.Template;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The answers of the tracking endpoints: the pixel and a few small, self-contained pages. */
final class Pages {
  /** A 1x1 GIF whose only pixel is transparent (43 bytes). */
  private static final byte[] PIXEL = {
    'G',
    'I',
    'F',
    '8',
    '9',
    'a', // header
    1,
    0,
    1,
    0,
    (byte) 0x80,
    0,
    0, // 1x1, a global table of two colours
    0,
    0,
    0,
    (byte) 0xFF,
    (byte) 0xFF,
    (byte) 0xFF, // black, white
    0x21,
    (byte) 0xF9,
    4,
    1,
    0,
    0,
    0,
    0, // graphic control: colour 0 is transparent
    0x2C,
    0,
    0,
    0,
    0,
    1,
    0,
    1,
    0,
    0, // image descriptor
    2,
    2,
    0x44,
    1,
    0, // LZW data
    0x3B // trailer
  };

  private static final String HTML = "text/html; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";

  private Pages() {}

  static TrackingResponse pixel() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0, private");
    headers.put("Pragma", "no-cache");
    headers.put("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    return new TrackingResponse(200, "image/gif", headers, PIXEL);
  }

  /** The page a link opens: a button that POSTs the one-click request to the same URL. */
  static TrackingResponse confirm(@Nullable String organization) {
    return page(
        200,
        "Unsubscribe",
        "<h1>Unsubscribe</h1>\n"
            + "<p>Stop receiving emails"
            + from(organization)
            + " at this address?</p>\n"
            + "<form method=\"post\" action=\"\">\n"
            + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n"
            + "<button type=\"submit\" id=\"unsubscribe\">Unsubscribe</button>\n"
            + "</form>\n");
  }

  static TrackingResponse done(@Nullable String organization) {
    return page(
        200,
        "Unsubscribed",
        "<h1 id=\"unsubscribed\">You are unsubscribed</h1>\n"
            + "<p>No more emails"
            + from(organization)
            + " will be sent to this address.</p>\n");
  }

  static TrackingResponse tryAgain(@Nullable String organization) {
    return page(
        503,
        "Please try again",
        "<h1>Please try again</h1>\n"
            + "<p>Your request to stop receiving emails"
            + from(organization)
            + " could not be recorded just now. Please try again in a few minutes.</p>\n");
  }

  static TrackingResponse notFound() {
    return text(404, "Not found\n", Map.of());
  }

  static TrackingResponse notAllowed() {
    return text(405, "Method not allowed\n", Map.of("Allow", "GET, HEAD, POST"));
  }

  private static String from(@Nullable String organization) {
    return organization == null ? "" : " from " + Template.escapeHtml(organization);
  }

  private static TrackingResponse page(int status, String title, String body) {
    String html =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<meta name=\"robots\" content=\"noindex\">\n"
            + "<title>"
            + title
            + "</title>\n<style>body{font-family:system-ui,sans-serif;max-width:32rem;"
            + "margin:4rem auto;padding:0 1rem;color:#222}button{font-size:1rem;"
            + "padding:.5rem 1.25rem;cursor:pointer}</style>\n</head>\n<body>\n"
            + body
            + "</body>\n</html>\n";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cache-Control", "no-store");
    headers.put("X-Content-Type-Options", "nosniff");
    // the token is in the URL: no Referer may carry it elsewhere
    headers.put("Referrer-Policy", "no-referrer");
    headers.put(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors"
            + " 'none'");
    headers.put("X-Robots-Tag", "noindex");
    return new TrackingResponse(status, HTML, headers, html.getBytes(StandardCharsets.UTF_8));
  }

  private static TrackingResponse text(int status, String text, Map<String, String> extra) {
    Map<String, String> headers = new LinkedHashMap<>(extra);
    headers.put("Cache-Control", "no-store");
    headers.put("X-Content-Type-Options", "nosniff");
    return new TrackingResponse(status, TEXT, headers, text.getBytes(StandardCharsets.UTF_8));
  }
}
