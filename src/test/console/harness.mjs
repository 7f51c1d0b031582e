// What both browser scripts share: the scenario protocol ConsoleBrowserTest and ConsoleFirefoxTest read
// ("PASS <scenario>" per scenario, a thrown Error fails the run), the wait bound, and a per-run name suffix.
export const TIMEOUT = 20000;
export const suffix = Math.random().toString(36).slice(2, 8);

export function pass(name) {
  console.log(`PASS ${name}`);
}

export function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}
