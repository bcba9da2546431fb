package io.dbtools.api.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schedule arithmetic against a fixed clock: no waiting, exact instants. */
class TimingTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-10T14:17:05Z"), ZoneOffset.UTC);

    @Test
    void a_daily_cron_reads_as_words_and_steps_through_days_in_utc() {
        Cron.Parsed p = Cron.parse("0 2 * * *");
        assertEquals("At 02:00 every day", p.description());
        assertEquals(List.of(Instant.parse("2026-03-11T02:00:00Z"), Instant.parse("2026-03-12T02:00:00Z"),
                Instant.parse("2026-03-13T02:00:00Z"), Instant.parse("2026-03-14T02:00:00Z"), Instant.parse("2026-03-15T02:00:00Z")),
                p.next(clock.instant(), 5));
    }

    @Test
    void cron_steps_minutes_and_weekdays() {
        Schedule every15 = new Schedule("cron", "*/15 * * * *", null, null, null);
        assertEquals(Instant.parse("2026-03-10T14:30:00Z"), Timing.first(every15, clock.instant()).orElseThrow());
        // 2026-03-10 is a Tuesday; the next Monday 06:30 is the 16th
        assertEquals(Instant.parse("2026-03-16T06:30:00Z"), Cron.parse("30 6 * * 1").next(clock.instant()).orElseThrow());
    }

    @Test
    void bad_cron_is_refused_with_a_reason() {
        var e = assertThrows(IllegalArgumentException.class, () -> Cron.parse("61 * * * *"));
        assertTrue(e.getMessage().contains("cron"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 2 * *"));
        assertThrows(IllegalArgumentException.class, () -> Cron.parse(" "));
    }

    @Test
    void interval_is_a_fixed_delay_after_the_run_and_once_or_event_have_no_next() {
        Schedule interval = new Schedule("interval", null, 600, null, null);
        assertEquals(clock.instant().plusSeconds(600), Timing.after(interval, clock.instant()).orElseThrow());
        assertEquals(5, Timing.preview(interval, clock.instant(), 5).size());
        Schedule once = new Schedule("once", null, null, Instant.parse("2026-04-01T00:00:00Z"), null);
        assertEquals(once.runAt(), Timing.first(once, clock.instant()).orElseThrow());
        assertTrue(Timing.after(once, clock.instant()).isEmpty());
        assertTrue(Timing.first(new Schedule("event", null, null, null, List.of(1L)), clock.instant()).isEmpty());
    }

    @Test
    void a_cron_job_that_missed_several_runs_comes_back_once_from_now() {
        // down from 01:00 to 14:17: the 02:00 run is missed, the next is tomorrow 02:00, not each missed day
        Schedule daily = new Schedule("cron", "0 2 * * *", null, null, null);
        Instant due = Instant.parse("2026-03-08T02:00:00Z");
        assertTrue(Timing.missed(due, clock.instant()));
        assertEquals(Instant.parse("2026-03-11T02:00:00Z"), Timing.after(daily, clock.instant()).orElseThrow());
        assertFalse(Timing.missed(clock.instant().minusSeconds(30), clock.instant()), "a little late is not missed");
    }

    @Test
    void retries_back_off_exponentially_and_cap_at_a_day() {
        Instant now = clock.instant();
        assertEquals(now.plusSeconds(60), Timing.retryAt(now, 1, 60));
        assertEquals(now.plusSeconds(120), Timing.retryAt(now, 2, 60));
        assertEquals(now.plusSeconds(480), Timing.retryAt(now, 4, 60));
        assertEquals(now.plusSeconds(86_400), Timing.retryAt(now, 30, 3600));
    }
}
