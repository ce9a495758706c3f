// Rebuilds common-passwords.txt from zxcvbn's bundled list (see README.md beside this file):
//   node lib/auth/data/build-common-passwords.mjs /tmp/x/node_modules/zxcvbn/lib/frequency_lists.js
import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

// Shorter entries can never be a whole password (12 at least), but eight is kept so that
// "Password123456", stripped of its trailing digits, still finds "password".
const MIN_LENGTH = 8;

// Long keyboard walks and doublings that zxcvbn's list (mostly shorter passwords) lacks.
const EXTRA = [
  "1q2w3e4r5t6y7u8i",
  "1q2w3e4r5t6y7u8i9o0p",
  "1qaz2wsx3edc4rfv5tgb",
  "abcdefghijklmnop",
  "abcdefghijklmnopqrstuvwxyz",
  "asdfghjklasdfghjkl",
  "iloveyouiloveyou",
  "passwordpassword",
  "qazwsxedcrfvtgbyhn",
  "qwertyqwertyqwerty",
  "qwertyuiopasdfgh",
  "qwertyuiopasdfghjkl",
  "qwertyuiopasdfghjklzxcvbnm",
  "zaq12wsxcde34rfv",
  "zxcvbnmasdfghjkl",
];

const source = process.argv[2];
if (!source) throw new Error("Pass the path of zxcvbn/lib/frequency_lists.js.");

const { default: lists } = await import(pathToFileURL(source).href);
const entries = [...lists.passwords, ...EXTRA]
  .map((entry) => entry.trim().normalize("NFC").toLowerCase())
  .filter((entry) => [...entry].length >= MIN_LENGTH);
const sorted = [...new Set(entries)].sort();

const target = fileURLToPath(new URL("common-passwords.txt", import.meta.url));
writeFileSync(target, `${sorted.join("\n")}\n`);
console.log(`${sorted.length} entries written to ${target}`);
