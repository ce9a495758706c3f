import { describe, expect, it } from "vitest";
import { scanForPii } from "./index";

const names = (text: string) => scanForPii(text).filter((finding) => finding.kind === "name").map((finding) => text.slice(finding.start, finding.end));

describe("names in running text", () => {
  it.each([
    ["Client said Darren (34) has been following her.", ["Darren"]],
    ["Her ex-partner Kyle turned up at the refuge.", ["Kyle"]],
    ["Her sister, Kim, called the police.", ["Kim"]],
    ["Sarah Jones called the helpline.", ["Sarah Jones"]],
    ["The perpetrator, JOHN SMITH, was arrested.", ["JOHN SMITH"]],
    ["Her daughter April (6) witnessed it.", ["April"]],
    ["Mohammed hit her twice.", ["Mohammed"]],
    ["She met Priya, a friend from work.", ["Priya"]],
    ["Her new partner Liam O'Brien is known to police.", ["Liam O'Brien"]],
    ["Ѕarah called the helpline.", ["Ѕarah"]],
  ])("finds the name in %j", (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it.each([
    "Referred to MARAC and the Crown Prosecution Service in Leeds.",
    "Referred to Women's Aid and West Yorkshire Police in May.",
    "Non-molestation order under the Family Law Act 1996; Clare's Law disclosure.",
    "Protection from Harassment Act 1997 offences considered.",
    "She moved to Bradford in 2019 and then to Kent.",
    "Will she be safe? May be eligible for legal aid.",
    "The victim spoke Urdu and Punjabi; an interpreter was booked.",
    "She uses WhatsApp and Snapchat; he tracks her with Find My iPhone.",
    "Grace period agreed with Leeds City Council.",
    "Victim is Black Caribbean, aged 25-29.",
    "Case reviewed at the June MARAC with the IDVA and Children's Social Care.",
    "Car was damaged outside her home.",
  ])("lets casework language pass: %j", (text) => {
    expect(scanForPii(text)).toEqual([]);
  });
});
