package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/terbuka-id/terbuka/internal/testsupport"
)

// browserNames are looked up on PATH in this order.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome"}

// findBrowser returns the browser to drive. Without one the test is skipped on a developer's
// machine but fails in CI (CI=true), which installs Chromium: a silent skip there would hide
// that the browser test never ran.
func findBrowser(t *testing.T) string {
	t.Helper()
	for _, name := range browserNames {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	msg := fmt.Sprintf("e2e: no browser on PATH (looked for %s)", strings.Join(browserNames, ", "))
	if os.Getenv("CI") == "" {
		t.Skip(msg + "; install Chromium (Debian: apt-get install chromium) to run the browser test")
	}
	t.Fatal(msg + "; CI must install Chromium")
	return ""
}

// startBrowser starts one headless Chromium for the whole test; each person gets a tab in a
// browser context of their own (own cookies), see newTab. The browser lives a little past the
// test's deadline, so a step that hung can still be photographed, and stops at cleanup.
func startBrowser(t *testing.T, path string, deadline time.Time) (context.Context, *testsupport.LogBuffer) {
	t.Helper()
	output := &testsupport.LogBuffer{}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		// Without these Chromium's own connections to Google hang on a closed network.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
		chromedp.CombinedOutput(output),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to start as root with its sandbox
	}
	root, cancelRoot := context.WithDeadline(context.Background(), deadline.Add(20*time.Second))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(root, opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	// Registered after t.TempDir, so it runs first: Chromium has exited before its profile goes.
	t.Cleanup(func() { cancelBrowser(); cancelAlloc(); cancelRoot() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser, bound to ctx
		t.Fatalf("e2e: starting %s: %v\n%s", path, err, output.String())
	}
	return ctx, output
}

// tab is one person's browser window with its own cookie jar (a separate browser context).
type tab struct {
	t    *testing.T
	app  *testApp
	name string
	// ctx runs the steps and ends at the test's deadline; live is the tab itself, still usable
	// after that deadline to take the screenshot of a step that hung.
	ctx, live context.Context

	// browserOut is what Chromium printed, shown with a failure.
	browserOut *testsupport.LogBuffer

	shots int // evidence files written so far

	mu      sync.Mutex
	console []chromedp.ConsoleMessage // filled by a goroutine reading the tab's console
}

func newTab(t *testing.T, browser context.Context, app *testApp, name string, deadline time.Time, browserOut *testsupport.LogBuffer) *tab {
	t.Helper()
	live, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(live); err != nil { // opens the tab, bound to live
		t.Fatalf("e2e: opening a tab for %s: %v", name, err)
	}
	ctx, cancelSteps := context.WithDeadline(live, deadline)
	t.Cleanup(cancelSteps)
	b := &tab{t: t, app: app, name: name, ctx: ctx, live: live, browserOut: browserOut}
	messages := chromedp.Console(live)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
	return b
}

// fatalf records what the page looked like (a screenshot and its HTML in t.ArtifactDir, kept
// with `go test -artifacts`) and the server's log, then stops the test.
func (b *tab) fatalf(format string, args ...any) {
	b.t.Helper()
	msg := fmt.Sprintf(format, args...)
	b.t.Fatalf("%s: %s%s", b.name, msg, b.evidence())
}

// errorf is fatalf without stopping the test, for checks after which the path can go on.
func (b *tab) errorf(format string, args ...any) {
	b.t.Helper()
	b.t.Errorf("%s: %s%s", b.name, fmt.Sprintf(format, args...), b.evidence())
}

func (b *tab) evidence() string {
	b.shots++
	ctx, cancel := context.WithTimeout(b.live, 10*time.Second)
	defer cancel()
	var out strings.Builder
	dir := b.t.ArtifactDir()
	base := filepath.Join(dir, fmt.Sprintf("%s-%02d", b.name, b.shots))
	if url, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
		fmt.Fprintf(&out, "\npage: %s", url)
	}
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		fmt.Fprintf(&out, "\nno screenshot: %v", err)
	} else if err := os.WriteFile(base+".png", png, 0o644); err == nil {
		fmt.Fprintf(&out, "\nscreenshot: %s", base+".png")
	}
	if html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html"))); err == nil {
		if err := os.WriteFile(base+".html", []byte(html), 0o644); err == nil {
			fmt.Fprintf(&out, "\nhtml: %s", base+".html")
		}
	}
	fmt.Fprintf(&out, "\nserver log (last lines):\n%s", tail(b.app.Logs.String(), 15))
	if s := tail(withoutDBus(b.browserOut.String()), 10); s != "" {
		fmt.Fprintf(&out, "\nbrowser output (last lines):\n%s", s)
	}
	return out.String()
}

// withoutDBus drops Chromium's complaints that a container has no D-Bus, which it always prints.
func withoutDBus(s string) string {
	var keep []string
	for line := range strings.Lines(s) {
		if !strings.Contains(line, ":ERROR:dbus/") && strings.TrimSpace(line) != "" {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "")
}

func tail(s string, n int) string {
	if s == "" {
		return ""
	}
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// do runs steps that return nothing.
func (b *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.fatalf("%s: %v", what, err)
	}
}

// open navigates to path and wants status 200.
func (b *tab) open(path string) {
	b.t.Helper()
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(b.app.URL+path))
	if err != nil {
		b.fatalf("open %s: %v", path, err)
	}
	if resp.Status != 200 {
		b.fatalf("open %s: status %d", path, resp.Status)
	}
}

// submit clicks the submit button of the form the selector form names, as a person would, waits for
// the page that answers (after any redirect) and checks its status.
func (b *tab) submit(form string, wantStatus int64) {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(form+` button[type="submit"]`)))
	if err != nil {
		b.fatalf("submit %s: %v", form, err)
	}
	if resp.Status != wantStatus {
		b.fatalf("submit %s: status %d, want %d", form, resp.Status, wantStatus)
	}
}

// step names an action, so a step that times out says what it was waiting for.
func step(label string, a chromedp.Action[chromedp.Void]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		v, err := a(ctx, t)
		if err != nil {
			err = fmt.Errorf("%s: %w", label, err)
		}
		return v, err
	}
}

// follow clicks a link and waits for the page it opens, which must answer 200; it returns the
// path opened.
func (b *tab) follow(link chromedp.Search) string {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(link))
	if err != nil {
		b.fatalf("follow %s: %v", link, err)
	}
	if resp.Status != 200 {
		b.fatalf("follow %s: status %d", link, resp.Status)
	}
	return strings.TrimPrefix(resp.URL, b.app.URL)
}

// typeInto types text into a visible field, key by key.
func typeInto(sel, text string) chromedp.Action[chromedp.Void] {
	return step("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), text, chromedp.NodeVisible))
}

// setValue fills a date or time picker: typed keys there follow the browser's locale, so the
// value is set as the picker itself would set it.
func setValue(sel, value string) chromedp.Action[chromedp.Void] {
	return step("set "+sel, chromedp.SetValue(chromedp.CSS(sel), value, chromedp.NodeVisible))
}

// choose clicks a radio button or a checkbox.
func choose(name, value string) chromedp.Action[chromedp.Void] {
	sel := fmt.Sprintf(`input[name=%q][value=%q]`, name, value)
	return step("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// waitVisible waits for an element to show.
func waitVisible(sel string) chromedp.Action[chromedp.Void] {
	return step("wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
}

// openDetails clicks the <summary> whose text contains label, unfolding its step.
func openDetails(label string) chromedp.Action[chromedp.Void] {
	return step("open "+label, chromedp.Click(chromedp.Search(fmt.Sprintf(`//summary[contains(normalize-space(.), %q)]`, label))))
}

// body is the page's visible text, as a reader sees it.
func (b *tab) body() string {
	b.t.Helper()
	text, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		b.fatalf("read the page: %v", err)
	}
	return text
}

// text is the visible text of the first element sel matches, waiting for it to appear.
func (b *tab) text(sel string) string {
	b.t.Helper()
	text, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		b.fatalf("read %s: %v", sel, err)
	}
	return strings.TrimSpace(text)
}

func (b *tab) value(sel string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		b.fatalf("read the value of %s: %v", sel, err)
	}
	return v
}

// expect fails unless the page shows every one of wants.
func (b *tab) expect(what string, wants ...string) {
	b.t.Helper()
	page := b.body()
	var missing []string
	for _, w := range wants {
		if !strings.Contains(page, w) {
			missing = append(missing, w)
		}
	}
	if missing != nil {
		b.fatalf("%s: the page lacks %q", what, missing)
	}
}

// expectIn fails unless the element sel shows every one of wants.
func (b *tab) expectIn(sel string, wants ...string) {
	b.t.Helper()
	text := b.text(sel)
	for _, w := range wants {
		if !strings.Contains(text, w) {
			b.fatalf("%s reads %q, want it to contain %q", sel, text, w)
		}
	}
}

// flash is the one-line message shown after an action.
func (b *tab) flash() string { b.t.Helper(); return b.text("p.flash") }

// consoleErrors are what the pages reported as errors: script exceptions and refused
// resources (a CSP violation, say). Failed network loads are left out: every status the
// test meets is checked where it happens.
func (b *tab) consoleErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var errs []string
	for _, m := range b.console {
		if (m.Type == chromedp.ConsoleError || m.IsException()) && m.Source != "network" {
			errs = append(errs, m.String())
		}
	}
	return errs
}
