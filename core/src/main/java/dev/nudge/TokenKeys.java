package dev.nudge;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Secret keys for the HMAC-SHA256 tokens in open-tracking pixels and unsubscribe links. One key
 * signs new tokens; retired keys still verify the tokens already out in mailboxes, so keys can be
 * rotated without breaking old links.
 */
public final class TokenKeys {
  /** Shortest accepted secret, in bytes. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9]{1,16}");

  private final String signingKeyId;
  private final Map<String, byte[]> keys;

  private TokenKeys(String signingKeyId, Map<String, byte[]> keys) {
    this.signingKeyId = signingKeyId;
    this.keys = keys;
  }

  /**
   * Keys that sign with {@code secret}.
   *
   * @param keyId a short name of the key (letters and digits), written into every token
   * @param secret at least {@value #MIN_SECRET_BYTES} random bytes
   */
  public static TokenKeys signingWith(String keyId, byte[] secret) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    keys.put(checkId(keyId), checkSecret(keyId, secret));
    return new TokenKeys(keyId, Collections.unmodifiableMap(keys));
  }

  /** Keys with a fresh random secret, for tests and examples: tokens die with the process. */
  public static TokenKeys random() {
    byte[] secret = new byte[MIN_SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    return signingWith("r1", secret);
  }

  /** A copy that also accepts tokens signed with a retired key. */
  public TokenKeys alsoVerifying(String keyId, byte[] secret) {
    checkId(keyId);
    if (keys.containsKey(keyId)) {
      throw new InvalidInputException("tokenKeys.keyId", "key '" + keyId + "' is already present");
    }
    Map<String, byte[]> copy = new LinkedHashMap<>(keys);
    copy.put(keyId, checkSecret(keyId, secret));
    return new TokenKeys(signingKeyId, Collections.unmodifiableMap(copy));
  }

  /** The id of the key that signs new tokens. */
  public String signingKeyId() {
    return signingKeyId;
  }

  /** The secret of a key, or null if this set has no such key. A copy; keep it secret. */
  public byte @org.jspecify.annotations.Nullable [] secret(String keyId) {
    byte[] s = keys.get(keyId);
    return s == null ? null : s.clone();
  }

  @Override
  public String toString() {
    return "TokenKeys[signing=" + signingKeyId + ", keys=" + keys.keySet() + "]";
  }

  private static String checkId(String keyId) {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new InvalidInputException(
          "tokenKeys.keyId", "must be 1 to 16 letters or digits, was '" + keyId + "'");
    }
    return keyId;
  }

  private static byte[] checkSecret(String keyId, byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new InvalidInputException(
          "tokenKeys.secret",
          "key '" + keyId + "' has " + secret.length + " bytes; at least " + MIN_SECRET_BYTES);
    }
    return Arrays.copyOf(secret, secret.length);
  }
}
