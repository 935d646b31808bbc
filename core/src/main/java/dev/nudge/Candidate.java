package dev.nudge;

import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A person to reach: who they are, where to write to them (a primary address and ordered alternates
 * tried after a hard bounce), their time zone when known, and free-form fields for template
 * personalization.
 *
 * @param id the host's identifier
 * @param name full name as shown and used in the {@code To:} header
 * @param title current title, or null
 * @param company current company, or null
 * @param photoUrl photo shown in the Candidates tab (http, https or relative), or null
 * @param email primary address
 * @param alternates further addresses, tried in order after a hard bounce
 * @param zone the candidate's time zone; when null the campaign's zone is used
 * @param fields free-form values for {@code {{variables}}}
 */
public record Candidate(
    CandidateId id,
    String name,
    @Nullable String title,
    @Nullable String company,
    @Nullable URI photoUrl,
    EmailAddress email,
    List<EmailAddress> alternates,
    @Nullable ZoneId zone,
    Map<String, String> fields) {

  /** Longest value accepted in a text field, so that every store can hold it. */
  public static final int MAX_TEXT_LENGTH = 1000;

  /** Longest accepted value of a free-form field. */
  public static final int MAX_FIELD_LENGTH = 10_000;

  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

  /** Validates every component, naming the field at fault. */
  public Candidate {
    if (id == null) {
      throw new InvalidInputException("candidate.id", "is required");
    }
    name = headerSafe("candidate.name", name, true);
    title = title == null ? null : headerSafe("candidate.title", title, false);
    company = company == null ? null : headerSafe("candidate.company", company, false);
    // text no database keeps as it came
    Texts.storable("candidate.name", name);
    Texts.storable("candidate.title", title);
    Texts.storable("candidate.company", company);
    if (photoUrl != null) {
      // shown in pages the host renders: a web address, or one relative to the host's own
      String scheme = photoUrl.getScheme();
      if (scheme != null && !scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
        throw new InvalidInputException(
            "candidate.photoUrl", "must be an http or https address, not " + scheme + ":");
      }
    }
    if (email == null) {
      throw new InvalidInputException("candidate.email", "is required");
    }
    if (alternates == null || alternates.stream().anyMatch(java.util.Objects::isNull)) {
      throw new InvalidInputException("candidate.alternates", "must be a list of addresses");
    }
    alternates = List.copyOf(alternates);
    for (EmailAddress a : alternates) {
      if (a.sameMailbox(email)) {
        throw new InvalidInputException("candidate.alternates", "repeats the primary address " + a);
      }
    }
    if (alternates.stream().map(EmailAddress::key).distinct().count() != alternates.size()) {
      throw new InvalidInputException("candidate.alternates", "lists an address twice");
    }
    if (fields == null) {
      throw new InvalidInputException("candidate.fields", "is required (may be empty)");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    fields.forEach(
        (k, v) -> {
          if (k == null || !FIELD_NAME.matcher(k).matches()) {
            throw new InvalidInputException(
                "candidate.fields", "invalid field name '" + k + "' (letters, digits, _ . -)");
          }
          if (v == null) {
            throw new InvalidInputException("candidate.fields." + k, "must not be null");
          }
          if (v.length() > MAX_FIELD_LENGTH) {
            throw new InvalidInputException(
                "candidate.fields." + k, "longer than " + MAX_FIELD_LENGTH + " characters");
          }
          Texts.storable("candidate.fields." + k, v);
          copy.put(k, v);
        });
    fields = java.util.Collections.unmodifiableMap(copy);
  }

  /** Starts a candidate with its host id, name and primary address. */
  public static Builder builder(String id, String name, String email) {
    return new Builder(CandidateId.of(id), name, EmailAddress.of("candidate.email", email));
  }

  /** Every address in the order they are tried: the primary first, then the alternates. */
  public List<EmailAddress> addresses() {
    List<EmailAddress> all = new ArrayList<>(alternates.size() + 1);
    all.add(email);
    all.addAll(alternates);
    return all;
  }

  /** How many addresses the candidate has: the primary and the alternates. */
  public int addressCount() {
    return 1 + alternates.size();
  }

  /** The address at a position of {@link #addresses()}: 0 is the primary. */
  public EmailAddress address(int index) {
    return index == 0 ? email : alternates.get(index - 1);
  }

  /** The first word of the name. */
  public String firstName() {
    String n = name.strip();
    int space = n.indexOf(' ');
    return space < 0 ? n : n.substring(0, space);
  }

  /** Everything after the first word of the name, or the empty string. */
  public String lastName() {
    String n = name.strip();
    int space = n.indexOf(' ');
    return space < 0 ? "" : n.substring(space + 1).strip();
  }

  /**
   * The value of a template variable: the built-ins {@code name}, {@code firstName}, {@code
   * lastName}, {@code title}, {@code company} and {@code email}, else a free-form field.
   */
  public Optional<String> variable(String variable) {
    String v =
        switch (variable) {
          case "name" -> name;
          case "firstName" -> firstName();
          case "lastName" -> lastName();
          case "title" -> title;
          case "company" -> company;
          case "email" -> email.value();
          default -> fields.get(variable);
        };
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  /** The path of the candidate field a variable reads, for error messages. */
  public static String fieldOf(String variable) {
    return switch (variable) {
      case "name", "firstName", "lastName" -> "candidate.name";
      case "title", "company", "email" -> "candidate." + variable;
      default -> "candidate.fields." + variable;
    };
  }

  /** A copy with personal data replaced by placeholders, for a privacy erasure request. */
  public Candidate anonymized(String placeholderDomain) {
    String token = Integer.toHexString(id.hashCode() & 0x7fffffff);
    return new Candidate(
        id,
        "erased",
        null,
        null,
        null,
        EmailAddress.of("erased-" + token + "@" + placeholderDomain.toLowerCase(Locale.ROOT)),
        List.of(),
        zone,
        Map.of());
  }

  private static String headerSafe(String field, @Nullable String value, boolean required) {
    if (value == null) {
      throw new InvalidInputException(field, "must not be null");
    }
    if (required && value.isBlank()) {
      throw new InvalidInputException(field, "must not be blank");
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new InvalidInputException(field, "contains a line break (CR or LF)");
    }
    if (value.length() > MAX_TEXT_LENGTH) {
      throw new InvalidInputException(field, "longer than " + MAX_TEXT_LENGTH + " characters");
    }
    return value.strip();
  }

  /** Collects the optional parts of a {@link Candidate}. */
  public static final class Builder {
    private final CandidateId id;
    private final String name;
    private final EmailAddress email;
    private @Nullable String title;
    private @Nullable String company;
    private @Nullable URI photoUrl;
    private final List<EmailAddress> alternates = new ArrayList<>();
    private @Nullable ZoneId zone;
    private final Map<String, String> fields = new LinkedHashMap<>();

    private Builder(CandidateId id, String name, EmailAddress email) {
      this.id = id;
      this.name = name;
      this.email = email;
    }

    /** Sets the current title. */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /** Sets the current company. */
    public Builder company(String company) {
      this.company = company;
      return this;
    }

    /** Sets the photo URL. */
    public Builder photoUrl(String url) {
      InvalidInputException.required(url, "candidate.photoUrl");
      try {
        this.photoUrl = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("candidate.photoUrl", "not a URI: " + e.getMessage());
      }
      return this;
    }

    /** Adds an alternate address, tried after the primary and earlier alternates bounced. */
    public Builder alternate(String address) {
      alternates.add(EmailAddress.of("candidate.alternates[" + alternates.size() + "]", address));
      return this;
    }

    /** Sets the candidate's IANA time zone, e.g. {@code "Europe/Berlin"}. */
    public Builder zone(String zoneId) {
      InvalidInputException.required(zoneId, "candidate.zone");
      try {
        this.zone = ZoneId.of(zoneId);
      } catch (java.time.DateTimeException e) {
        throw new InvalidInputException("candidate.zone", "unknown time zone '" + zoneId + "'");
      }
      return this;
    }

    /** Sets the candidate's time zone. */
    public Builder zone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    /** Adds a free-form field for templates. */
    public Builder field(String name, String value) {
      fields.put(name, value);
      return this;
    }

    /**
     * Builds and validates the candidate.
     *
     * @throws InvalidInputException naming the field at fault, also for a name, title, company or
     *     field value with a NUL character, which no database keeps in text, or with half of a
     *     surrogate pair standing alone (a character cut in two), which UTF-8 cannot encode
     */
    public Candidate build() {
      return new Candidate(id, name, title, company, photoUrl, email, alternates, zone, fields);
    }
  }
}
