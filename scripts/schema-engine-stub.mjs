#!/usr/bin/env node
console.error("Jalon runs migrations through the WebAssembly engine: use `npm run db:migrate` or `npm run db:migration -- <name>`.");
process.exit(1);
