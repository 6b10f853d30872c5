// The page a browser opens at the inspector's address: it embeds the Stately Inspector and hands it every inspection
// event from the inspector's WebSocket, as @statelyai/inspect's own server page does. Pure: a template.

/** Where the Stately Inspector UI is loaded from. */
export const statelyInspectorUrl = "https://stately.ai/inspect";

/**
 * The bridge page: events are buffered until the embedded inspector says `@statelyai.connected`, then posted to it.
 * The WebSocket address is the page's own host, so an SSH tunnel on any local port works.
 */
export function inspectorPage(inspectorUrl: string = statelyInspectorUrl): string {
  return `<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <title>zeroclaw — Stately Inspector</title>
  <style>
    * { margin: 0; padding: 0; }
    html, body { height: 100%; }
    iframe { width: 100%; height: 100%; border: none; }
  </style>
</head>
<body>
  <iframe id="inspector" src="${inspectorUrl}"></iframe>
  <script>
    const iframe = document.getElementById("inspector");
    const buffer = [];
    let connected = false;
    window.addEventListener("message", (e) => {
      if (e.data && e.data.type === "@statelyai.connected") {
        connected = true;
        for (const event of buffer.splice(0)) iframe.contentWindow.postMessage(event, "*");
      }
    });
    const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host);
    ws.onmessage = (message) => {
      const event = JSON.parse(message.data);
      if (connected) iframe.contentWindow.postMessage(event, "*");
      else buffer.push(event);
    };
  </script>
</body>
</html>
`;
}
