package dev.cairn.units.config.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Parses one config file to see whether its syntax is valid, without keeping its content. Messages
 * give the line and column and never quote values (config files hold secrets).
 *
 * <ul>
 *   <li>JSON: exactly one value; {@code //} and {@code /* *}{@code /} comments and trailing commas are
 *       accepted (the JSONC dialect many tools read) unless {@code strictJson}; an empty file is an error.</li>
 *   <li>JSON Lines: any number of values.</li>
 *   <li>YAML: every document of the file.</li>
 *   <li>Properties: {@link Properties#load(InputStream)} (only malformed {@code \\u} escapes fail).</li>
 *   <li>{@code .env}: {@link DotEnvSyntax}.</li>
 *   <li>XML: well-formedness, with DTDs and external entities never fetched.</li>
 * </ul>
 */
final class SyntaxChecker {

    /** Larger {@code .env} files are not read into memory to be checked. */
    static final long MAX_DOTENV_BYTES = 16L << 20;
    /** The most code points of one YAML file (SnakeYAML's own default is 3 MiB). */
    private static final int YAML_CODE_POINT_LIMIT = 256 << 20;
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '[^']*'");

    private final JsonFactory json;
    private final YAMLFactory yaml;

    /** @param strictJson whether JSON must be strict (no comments, no trailing commas) */
    SyntaxChecker(boolean strictJson) {
        this.json = strictJson ? JsonFactory.builder().build()
                : JsonFactory.builder()
                        .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                        .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                        .build();
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(YAML_CODE_POINT_LIMIT);
        this.yaml = YAMLFactory.builder().loaderOptions(loader).build();
    }

    /**
     * Checks {@code file} as {@code format}.
     *
     * @return what is wrong with it, or empty when its syntax is valid (or the format is not checked)
     * @throws IOException when it cannot be read
     */
    Optional<String> check(Path file, ConfigFormat format) throws IOException {
        return switch (format) {
            case JSON -> checkJson(file, false);
            case JSON_LINES -> checkJson(file, true);
            case YAML -> checkYaml(file);
            case PROPERTIES -> checkProperties(file);
            case DOTENV -> checkDotEnv(file);
            case XML -> checkXml(file);
            case UNCHECKED -> Optional.empty();
        };
    }

    private Optional<String> checkJson(Path file, boolean manyValues) throws IOException {
        try (InputStream in = open(file); JsonParser p = json.createParser(in)) {
            int values = 0;
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.VALUE_STRING) {
                    p.getTextLength();   // decodes the whole string, so bad escapes are found
                }
                if (p.getParsingContext().inRoot() && t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
                    values++;            // a scalar or the end of an object or array at the top level
                    if (values > 1 && !manyValues) {
                        return Optional.of("invalid JSON " + where(p.currentTokenLocation())
                                + ": more than one top-level value");
                    }
                }
            }
            return values == 0 ? Optional.of("invalid JSON: the file holds no value") : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.of("invalid JSON " + where(e.getLocation()) + ": " + redact(e.getOriginalMessage()));
        }
    }

    private Optional<String> checkYaml(Path file) throws IOException {
        try (InputStream in = open(file); JsonParser p = yaml.createParser(in)) {
            while (p.nextToken() != null) {
                // reading every token of every document is the check
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                return Optional.of("invalid YAML at line " + (marked.getProblemMark().getLine() + 1) + ", column "
                        + (marked.getProblemMark().getColumn() + 1) + ": " + marked.getProblem());
            }
            return Optional.of("invalid YAML " + where(e.getLocation()) + ": " + redact(e.getOriginalMessage()));
        } catch (RuntimeException e) {
            // SnakeYAML's own limits (code points, aliases, nesting) throw unchecked exceptions
            return Optional.of("invalid YAML: " + e.getMessage());
        }
    }

    private static Optional<String> checkProperties(Path file) throws IOException {
        try (InputStream in = open(file)) {
            new Properties().load(in);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("invalid properties: " + e.getMessage());
        }
    }

    private static Optional<String> checkDotEnv(Path file) throws IOException {
        if (Files.size(file) > MAX_DOTENV_BYTES) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = open(file)) {
            bytes = in.readAllBytes();
        }
        return DotEnvSyntax.check(new String(bytes, StandardCharsets.UTF_8)).map(p -> "invalid .env: " + p);
    }

    private static Optional<String> checkXml(Path file) throws IOException {
        try (InputStream in = open(file)) {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            var parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.parse(in, new DefaultHandler());
            return Optional.empty();
        } catch (SAXParseException e) {
            return Optional.of("invalid XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage());
        } catch (SAXException e) {
            return Optional.of("invalid XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required feature", e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Drops the text of an unrecognised token, which may be part of a secret. */
    private static String redact(String message) {
        return message == null ? "" : UNRECOGNIZED_TOKEN.matcher(message).replaceAll("Unrecognized token");
    }
}
