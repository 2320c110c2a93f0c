package press.tamizdat.support;

import press.tamizdat.platform.Broadcast;

/** The newsroom changed the campaign: the banner, the appeal and the form show the new one from now on. */
public record CampaignChanged() implements Broadcast {}
