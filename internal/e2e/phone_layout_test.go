package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// phoneLayoutProblems lists, on the page on screen, options whose text is not beside its box or
// sticks out of its label, and table boxes that scroll sideways inside themselves.
const phoneLayoutProblems = `(() => {
  const out = [];
  for (const label of document.querySelectorAll('label.opt')) {
    const box = label.querySelector('input'), text = label.querySelector('span');
    if (!box || !text) { out.push('option without box or text: ' + label.outerHTML.slice(0, 120)); continue; }
    const b = box.getBoundingClientRect(), s = text.getBoundingClientRect(), l = label.getBoundingClientRect();
    if (s.left < b.right - 0.5 || s.top > b.bottom) out.push('text under its box: ' + label.textContent.trim());
    if (s.right > l.right + 0.5 || text.scrollWidth > text.clientWidth + 1) out.push('text cut off: ' + label.textContent.trim());
  }
  for (const box of document.querySelectorAll('.table-scroll')) {
    if (box.scrollWidth > box.clientWidth + 1) out.push('table scrolls sideways: ' + (box.getAttribute('aria-labelledby') || box.className) +
      ' (' + box.scrollWidth + ' > ' + box.clientWidth + ' px)');
  }
  return out;
})()`

// On a phone the request form's options keep their text beside the box, whole, and the DIP, DIK
// and register show cards instead of tables scrolled sideways.
func TestPhoneLayoutOfPublicPages(t *testing.T) {
	browserPath := findBrowser(t)
	stopBy := time.Now().Add(2 * time.Minute)
	app := newApp(t, time.Date(2026, 11, 20, 10, 0, 0, 0, jakarta))
	seedDemoOffice(t, app)
	browser, browserOut := startBrowser(t, browserPath, stopBy)
	phone := a11yViewports[0]
	if !phone.phone || phone.width != 390 {
		t.Fatalf("first viewport %+v is not the 390 px phone", phone)
	}
	citizen := newTab(t, browser, app, "warga-ponsel", stopBy, browserOut)
	citizen.emulate(phone)
	for _, path := range []string{"/permohonan/baru", "/dip", "/dik", "/register"} {
		citizen.visit(path, 200)
		problems, err := chromedp.Run(citizen.ctx, chromedp.Evaluate[[]string](phoneLayoutProblems))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(problems) > 0 {
			t.Errorf("%s at %d px:\n  %s", path, phone.width, strings.Join(problems, "\n  "))
		}
	}
	citizen.visit("/permohonan/baru", 200)
	options, err := chromedp.Run(citizen.ctx, chromedp.Evaluate[int](`document.querySelectorAll('label.opt').length`))
	if err != nil || options < 8 {
		t.Errorf("the request form has %d options laid out beside their boxes (%v); the checks above saw them all", options, err)
	}
	citizen.expect("the obtain options", "Melihat/")
}
