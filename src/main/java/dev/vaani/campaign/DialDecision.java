package dev.vaani.campaign;

import java.time.Instant;

/** What a PlaceCall execution does next: finish, or run again at a later time (window closed, concurrency full). */
sealed interface DialDecision {

    record Done() implements DialDecision {
    }

    record RunAt(Instant when) implements DialDecision {
    }
}
