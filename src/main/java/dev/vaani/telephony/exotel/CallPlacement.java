package dev.vaani.telephony.exotel;

/** Exotel's answer to a placed call: its Sid is the call_sid of every later event. */
public record CallPlacement(String callSid, String status) {
}
