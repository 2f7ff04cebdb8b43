// A client nobody at Squadra wrote: the official JavaScript SignalR client with its own defaults, as an
// app in another stack would use it. It connects to the gateway's hub, calls Ready, and prints one JSON
// line per thing that happens (connected, message, reconnecting, reconnected, closed) for the test that
// runs it (tests/Squadra.E2E/Stack/StandardClientTests.cs). It stops (cleanly) when its stdin closes.
//
//   node client.mjs <gateway URL> <default|websockets|sse|longpolling|websockets-skip-negotiation>
//   SQUADRA_TOKEN=<bearer token>   (in the environment: a command line is visible to every local user)
import * as signalR from "@microsoft/signalr";

const [gateway, mode] = process.argv.slice(2);
const token = process.env.SQUADRA_TOKEN;
if (!gateway || !mode || !token) {
  console.error("usage: SQUADRA_TOKEN=... node client.mjs <gateway URL> <mode>");
  process.exit(2);
}

const transports = {
  default: {},
  websockets: { transport: signalR.HttpTransportType.WebSockets },
  sse: { transport: signalR.HttpTransportType.ServerSentEvents },
  longpolling: { transport: signalR.HttpTransportType.LongPolling },
  "websockets-skip-negotiation": { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true },
};
if (!(mode in transports)) {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}

const print = (event) => process.stdout.write(JSON.stringify({ at: Date.now(), ...event }) + "\n");

const connection = new signalR.HubConnectionBuilder()
  .withUrl(new URL("/hubs/realtime", gateway).toString(), { accessTokenFactory: () => token, ...transports[mode] })
  // Keep trying every half second, for as long as the test runs.
  .withAutomaticReconnect({ nextRetryDelayInMilliseconds: () => 500 })
  .configureLogging(signalR.LogLevel.Warning)
  .build();

connection.on("message", (message) => print({ event: "message", seq: message.seq, body: message.body }));
connection.onreconnecting((error) => print({ event: "reconnecting", error: error?.message }));
connection.onreconnected(async () => {
  await connection.invoke("Ready");
  print({ event: "reconnected", transport: transportName() });
});
let stopping = false;
connection.onclose((error) => {
  print({ event: "closed", error: error?.message });
  process.exit(stopping ? 0 : 1);
});
process.stdin.on("end", async () => {
  stopping = true;
  await connection.stop();
});
process.stdin.resume();

// Which transport the client ended up with (its own internal name for it).
function transportName() {
  return connection.connection?.transport?.constructor?.name ?? "unknown";
}

try {
  await connection.start();
  await connection.invoke("Ready");
  print({ event: "connected", transport: transportName() });
} catch (error) {
  print({ event: "failed", error: error?.message });
  process.exit(1);
}
