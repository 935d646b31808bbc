package dev.nudge.mail;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entity of a parsed message: its header fields, its content type and either its children (a
 * multipart), an enclosed message (message/rfc822, text/rfc822-headers) or its decoded text (text
 * and report parts). Bodies of other types are not kept.
 */
final class MimePart {
  final Headers headers;
  final String type;
  final List<MimePart> children;
  final @Nullable MimePart message;
  final String text;
  final boolean attachment;

  MimePart(
      Headers headers,
      String type,
      List<MimePart> children,
      @Nullable MimePart message,
      String text,
      boolean attachment) {
    this.headers = headers;
    this.type = type;
    this.children = children;
    this.message = message;
    this.text = text;
    this.attachment = attachment;
  }

  boolean isMultipart() {
    return type.startsWith("multipart/");
  }

  boolean isText() {
    return type.startsWith("text/") && !type.equals("text/rfc822-headers");
  }

  /** A delivery status (RFC 3464) part. */
  boolean isDeliveryStatus() {
    return type.equals("message/delivery-status") || type.equals("message/global-delivery-status");
  }

  /** A feedback report (RFC 5965) part. */
  boolean isFeedbackReport() {
    return type.equals("message/feedback-report");
  }
}
