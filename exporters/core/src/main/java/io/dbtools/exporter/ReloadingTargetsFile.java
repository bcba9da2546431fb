package io.dbtools.exporter;

import io.dbtools.plugin.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Targets from a {@code targets.yml} that is re-read when it changes, so adding a server needs no
 * restart. A broken edit is logged with every problem and the last good targets stay in use.
 */
public final class ReloadingTargetsFile implements TargetSource {

    private static final Logger log = LoggerFactory.getLogger(ReloadingTargetsFile.class);

    private final Path file;
    private final TargetsFile loader;
    private final Clock clock;
    private final Duration checkEvery;
    private volatile List<Target> targets;
    private volatile FileTime loadedVersion;
    private volatile Instant nextCheck;
    private volatile boolean lastReloadOk = true;
    private volatile Instant lastReloadAt;

    /** Loads the file now; a broken file at start-up is an error (there is nothing good to keep). */
    public ReloadingTargetsFile(Path file, TargetsFile loader, Clock clock, Duration checkEvery) {
        this.file = file;
        this.loader = loader;
        this.clock = clock;
        this.checkEvery = checkEvery;
        this.loadedVersion = modified();
        this.targets = loader.load(file);
        this.lastReloadAt = clock.instant();
        this.nextCheck = clock.instant().plus(checkEvery);
    }

    @Override
    public List<Target> all() {
        reloadIfChanged();
        return targets;
    }

    @Override
    public Optional<Target> find(String name) {
        reloadIfChanged();
        return targets.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public boolean lastReloadSuccessful() {
        return lastReloadOk;
    }

    public Instant lastReloadAt() {
        return lastReloadAt;
    }

    private void reloadIfChanged() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) return;
        synchronized (this) {
            if (now.isBefore(nextCheck)) return;
            nextCheck = now.plus(checkEvery);
            FileTime version = modified();
            if (version == null || version.equals(loadedVersion)) return;
            loadedVersion = version;
            try {
                List<Target> fresh = loader.load(file);
                targets = fresh;
                lastReloadOk = true;
                log.info("{}: reloaded, {} targets", file, fresh.size());
            } catch (ConfigException e) {
                lastReloadOk = false;
                log.error("{}: not reloaded, keeping the previous {} targets:\n  {}", file, targets.size(),
                        String.join("\n  ", e.problems()));
            }
            lastReloadAt = now;
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
