import type { OnlinePlatform, Space, ThreatArea } from "@/lib/taxonomy";
import { type KnownWeights, w } from "./weights";

// Where the abuse happened, and on which online platforms.

const SPACE_DOMESTIC = w({
  private_dwelling: 78,
  other_private: 5,
  street_or_open_space: 7,
  online: 5,
  workplace: 2,
  public_transport: 1,
  night_time_economy: 2,
});
export const SPACE: Record<ThreatArea, KnownWeights<Space>> = {
  domestic_abuse: SPACE_DOMESTIC,
  rasso: w({
    private_dwelling: 52,
    other_private: 10,
    night_time_economy: 15,
    street_or_open_space: 10,
    education_further_higher: 3,
    workplace: 4,
    public_transport: 2,
    online: 4,
  }),
  csae: w({
    private_dwelling: 37,
    online: 22,
    education_secondary: 15,
    street_or_open_space: 10,
    other_private: 10,
    education_primary: 4,
  }),
  tech_enabled: w({ online: 88, private_dwelling: 10, other_private: 2 }),
  stalking_harassment: w({
    private_dwelling: 25,
    street_or_open_space: 27,
    workplace: 12,
    online: 6,
    public_transport: 8,
    night_time_economy: 6,
    other_private: 8,
    education_further_higher: 5,
  }),
  msht: w({ other_private: 40, private_dwelling: 30, workplace: 22, street_or_open_space: 5, online: 3 }),
  honour_based_abuse: w({ private_dwelling: 86, other_private: 6, online: 3, street_or_open_space: 5 }),
  adult_sexual_exploitation: w({ other_private: 30, street_or_open_space: 30, private_dwelling: 28, online: 12 }),
  spiking: w({ night_time_economy: 85, other_private: 10, education_further_higher: 5 }),
  incel_related: w({ online: 60, street_or_open_space: 22, education_further_higher: 8, workplace: 10 }),
};

export const PLATFORMS_GENERAL = w({
  mainstream_social_media: 40,
  private_messaging: 35,
  dating_app: 10,
  gaming_platform: 4,
  forum_or_community: 4,
  adult_content_site: 3,
  smart_device_or_tracker: 5,
  other: 4,
});
export const PLATFORMS: Partial<Record<ThreatArea, KnownWeights<OnlinePlatform>>> = {
  csae: w({
    mainstream_social_media: 40,
    private_messaging: 30,
    gaming_platform: 18,
    forum_or_community: 4,
    adult_content_site: 4,
    other: 4,
  }),
  rasso: w({ dating_app: 45, mainstream_social_media: 25, private_messaging: 25, other: 5 }),
  incel_related: w({ forum_or_community: 45, mainstream_social_media: 35, gaming_platform: 10, other: 10 }),
  adult_sexual_exploitation: w({ adult_content_site: 45, private_messaging: 25, dating_app: 20, other: 10 }),
};
