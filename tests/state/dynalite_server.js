#!/usr/bin/env node
// Starts dynalite (a DynamoDB implementation on LevelDB, in memory) on 127.0.0.1 with a kernel-chosen port
// and writes its base URL to the file named by --port-file (atomically), for the state tests.
// The npm CLI cannot do either: it listens on every interface and treats port 0 as its default 4567.
'use strict'
const fs = require('fs')
const path = require('path')
const argv = require('minimist')(process.argv.slice(2))
const dynalite = require('dynalite')

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
server.listen(0, '127.0.0.1', () => {
  const url = 'http://127.0.0.1:' + server.address().port
  if (argv['port-file']) {
    const tmp = argv['port-file'] + '.tmp'
    fs.writeFileSync(tmp, url + '\n')
    fs.renameSync(tmp, argv['port-file'])
  } else {
    console.log(url)
  }
})
// Exit with the parent (the test runner), and on SIGTERM/SIGINT.
const parent = process.ppid
setInterval(() => { if (process.ppid !== parent) process.exit(0) }, 500).unref()
process.on('SIGTERM', () => process.exit(0))
process.on('SIGINT', () => process.exit(0))
