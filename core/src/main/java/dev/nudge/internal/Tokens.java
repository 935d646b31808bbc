package dev.nudge.internal;

import dev.nudge.EnrollmentId;
import dev.nudge.StepRef;
import dev.nudge.TokenKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the tokens of tracking pixels and unsubscribe links: {@code
 * keyId.base64url(purpose, enrollment id, step, HMAC-SHA256 truncated to 128 bits)}. The purpose is
 * signed too, so an open token cannot unsubscribe anyone. Verification compares in constant time.
 */
final class Tokens {
  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] DOMAIN = "nudge-token-v1".getBytes(StandardCharsets.US_ASCII);
  private static final int PAYLOAD = 1 + 16 + 2;
  private static final int MAC = 16;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final TokenKeys keys;

  Tokens(TokenKeys keys) {
    this.keys = keys;
  }

  /** What a token may be used for. */
  enum Purpose {
    OPEN(1),
    UNSUBSCRIBE(2);

    final byte code;

    Purpose(int code) {
      this.code = (byte) code;
    }
  }

  String sign(Purpose purpose, StepRef ref) {
    ByteBuffer buf = ByteBuffer.allocate(PAYLOAD + MAC);
    UUID id = ref.enrollmentId().value();
    buf.put(purpose.code)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .putShort((short) ref.step());
    byte[] mac = mac(keys.signingKeyId(), buf.array(), PAYLOAD);
    buf.put(mac, 0, MAC);
    return keys.signingKeyId() + "." + ENCODER.encodeToString(buf.array());
  }

  Optional<StepRef> verify(Purpose purpose, String token) {
    if (token == null || token.length() > 128) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String keyId = token.substring(0, dot);
    byte[] raw;
    try {
      raw = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (raw.length != PAYLOAD + MAC
        || keys.secret(keyId) == null
        || !ENCODER.encodeToString(raw).equals(token.substring(dot + 1))) {
      // wrong size, unknown key, or a non-canonical spelling of the same bytes
      return Optional.empty();
    }
    byte[] expected = mac(keyId, raw, PAYLOAD);
    byte[] given = new byte[MAC];
    System.arraycopy(raw, PAYLOAD, given, 0, MAC);
    boolean valid = MessageDigest.isEqual(java.util.Arrays.copyOf(expected, MAC), given);
    ByteBuffer buf = ByteBuffer.wrap(raw);
    int p = buf.get();
    UUID id = new UUID(buf.getLong(), buf.getLong());
    int step = buf.getShort();
    if (!valid || p != purpose.code || step < 1) {
      return Optional.empty();
    }
    return Optional.of(new StepRef(new EnrollmentId(id), step));
  }

  private byte[] mac(String keyId, byte[] data, int length) {
    byte[] secret = keys.secret(keyId);
    if (secret == null) {
      throw new IllegalStateException("no key " + keyId);
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      mac.update(DOMAIN);
      mac.update(data, 0, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
