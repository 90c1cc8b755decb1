package dev.vaani.campaign;

/** A campaign's settings were replaced; its calling window may have changed. */
record CampaignEdited(long campaignId) {
}
