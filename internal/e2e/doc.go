// Package e2e holds Terbuka's end-to-end browser test: headless Chromium drives the real pages
// of a real server on a fresh PostgreSQL database, as a citizen and as officers would. It has
// no code of its own outside its tests.
package e2e
