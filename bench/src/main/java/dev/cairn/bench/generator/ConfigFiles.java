package dev.cairn.bench.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The application's small config files: JSON, a {@code .env} and YAML. {@link #applyDay} edits one value. */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    /** Writes the config files under {@code dir}. */
    public static void create(Path dir, GeneratorSettings settings) throws IOException {
        Files.createDirectories(dir);
        DeterministicText text = new DeterministicText(settings.seedFor("config"));
        Files.writeString(dir.resolve("app.json"), appJson(0), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(".env"), """
                APP_ENV=production
                APP_PORT=8443
                DATABASE_PATH=data/app.db
                SESSION_SECRET=%s
                SMTP_HOST=mail.example.test
                SMTP_PASSWORD=%s
                """.formatted(text.hex(64), text.hex(24)), StandardCharsets.UTF_8);
        StringBuilder features = new StringBuilder("features:\n");
        for (int i = 0; i < 40; i++) {
            features.append("  ").append(text.word()).append('_').append(i).append(":\n")
                    .append("    enabled: ").append(text.random().nextBoolean()).append('\n')
                    .append("    rollout: ").append(text.random().nextInt(101)).append('\n');
        }
        Files.writeString(dir.resolve("features.yaml"), features, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("logging.yaml"), """
                level: info
                appenders:
                  - type: file
                    path: logs/app.log
                    rotate: weekly
                    keep: 4
                  - type: file
                    path: logs/access.log
                    rotate: weekly
                    keep: 4
                """, StandardCharsets.UTF_8);
    }

    /** Edits {@code app.json}: the worker count and the day's maintenance window change. */
    public static void applyDay(Path dir, int day) throws IOException {
        Files.writeString(dir.resolve("app.json"), appJson(day), StandardCharsets.UTF_8);
    }

    private static String appJson(int day) {
        return """
                {
                  "name": "bench-app",
                  "version": "4.2.%d",
                  "listen": {"host": "127.0.0.1", "port": 8443, "tls": {"cert": "certs/server.crt", "key": "certs/server.key"}},
                  "database": {"path": "data/app.db", "pool": 8, "busy_timeout_ms": 5000},
                  "workers": %d,
                  "uploads": {"dir": "uploads", "max_mb": 50},
                  "models": {"base": "models/base.f16.bin", "active": "models/finetuned.f16.bin"},
                  "maintenance_window": "0%d:00-0%d:30"
                }
                """.formatted(day, 4 + day % 4, day % 6, day % 6);
    }
}
