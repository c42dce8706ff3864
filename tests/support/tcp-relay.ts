// A TCP relay on loopback in front of a database, to make it fail on demand without touching it:
// "forward" relays connections; "refuse" cuts the open ones and refuses new ones (a stopped server);
// "swallow" accepts connections and never answers (a saturated server, or a network black hole).
import net from "node:net";

export type RelayMode = "forward" | "refuse" | "swallow";

export interface TcpRelay {
  port: number;
  setMode(mode: RelayMode): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpRelay(target: { host: string; port: number }, port = 0): Promise<TcpRelay> {
  let mode: RelayMode = "forward";
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const onConnection = (client: net.Socket) => {
    track(client);
    if (mode === "swallow") return;
    const upstream = net.connect(target);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  };
  let server = net.createServer(onConnection);
  const listen = (s: net.Server, p: number) => new Promise<void>((resolve, reject) => s.once("error", reject).listen(p, "127.0.0.1", resolve));
  const stopListening = (s: net.Server) => new Promise<void>((resolve) => s.close(() => resolve()));
  await listen(server, port);
  const bound = (server.address() as net.AddressInfo).port;
  const cutAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port: bound,
    async setMode(next) {
      if (next === mode) return;
      if (next === "refuse") {
        mode = next;
        cutAll();
        await stopListening(server);
        return;
      }
      if (mode === "refuse") {
        server = net.createServer(onConnection);
        await listen(server, bound);
      }
      if (next === "swallow") cutAll();
      mode = next;
    },
    async close() {
      cutAll();
      if (mode !== "refuse") await stopListening(server);
    },
  };
}
