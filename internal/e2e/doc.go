// Package e2e holds Terbuka's end-to-end browser tests: headless Chromium drives the real pages
// of a real server on a fresh PostgreSQL database, as a citizen and as officers would, and checks
// every public and office page with axe-core (WCAG 2.1 A/AA and best practices) on a phone and a
// desktop. It has no code of its own outside its tests.
package e2e
