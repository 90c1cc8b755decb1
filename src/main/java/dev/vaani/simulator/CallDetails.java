package dev.vaani.simulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls placed through {@link LocalExotel} as Exotel's call-details API reports them, kept current from the
 * status callbacks. The dialer asks that API about a placement whose answer never came before it redials, so the
 * stand-in must answer it with what the callbacks already said.
 */
final class CallDetails {

    private final Map<String, Map<String, Object>> records = new ConcurrentHashMap<>();

    /** Records a call just placed: {@code call} is what Calls/connect answers, {@code form} what it was sent. */
    void placed(Map<String, Object> call, Map<String, String> form) {
        Map<String, Object> record = new ConcurrentHashMap<>(call);
        record.put("Status", "queued");
        record.put("To", form.get("CallerId"));
        if (form.get("CustomField") != null) {
            record.put("CustomField", form.get("CustomField"));
        }
        records.put((String) call.get("Sid"), record);
    }

    /** The call's details, or null when no call here has this sid. */
    Map<String, Object> find(String sid) {
        return records.get(sid);
    }

    /** The calls from this number; every call when {@code from} is null. */
    List<Map<String, Object>> from(String from) {
        return records.values().stream().filter(r -> from == null || from.equals(r.get("From"))).toList();
    }

    /** Takes in what a status callback carries about the call. */
    void update(String sid, Map<String, Object> fields) {
        Map<String, Object> record = records.get(sid);
        if (record == null) {
            return;
        }
        record.put("Status", fields.get("Status"));
        for (String key : new String[] {"StartTime", "EndTime"}) {
            if (fields.get(key) != null) {
                record.put(key, fields.get(key));
            }
        }
        if (fields.get("RecordingUrl") != null) {
            record.put("RecordingUrl", fields.get("RecordingUrl"));
        }
        if (fields.get("ConversationDuration") != null) {
            record.put("Duration", String.valueOf(fields.get("ConversationDuration")));
        }
    }
}
