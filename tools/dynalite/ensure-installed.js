// Installs the pinned dynalite (package-lock.json) when node_modules is missing or stale.
// Run by the Maven build; a no-op when everything is already in place.
'use strict'
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const lock = JSON.parse(fs.readFileSync(path.join(__dirname, 'package-lock.json'), 'utf8'))
const wanted = lock.packages['node_modules/dynalite'].version
const installed = path.join(__dirname, 'node_modules', 'dynalite', 'package.json')
const have = fs.existsSync(installed) ? JSON.parse(fs.readFileSync(installed, 'utf8')).version : null

if (have === wanted) process.exit(0)
console.log(`dynalite ${wanted} is not installed here (found ${have}); running npm ci`)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: __dirname, stdio: 'inherit' })
process.exit(result.status === null ? 1 : result.status)
