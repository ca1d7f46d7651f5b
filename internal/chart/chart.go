// Package chart draws small bar charts as inline SVG on the server, so the statistics pages
// need no JavaScript and no external resources. Every chart is an accessible image: role="img"
// labelled by its <title> and <desc>, and the description lists every value, so a screen
// reader hears the numbers the eye reads from the bars. Pages show the same numbers in a table.
package chart

import (
	"encoding/xml"
	"html/template"
	"strconv"
	"strings"
)

// Bar is one value of a chart.
type Bar struct {
	Label string // drawn on the chart; keep it short ("Jan")
	Name  string // read out in the description; Label when empty ("Januari")
	Value int
	Text  string // the value as written, when it is not a whole number ("3,25" for 325 hundredths)
}

// Chart is what both kinds of chart draw.
type Chart struct {
	ID    string // unique on the page; only letters, digits and '-' are kept
	Title string // the accessible name
	Desc  string // one sentence before the list of values
	Bars  []Bar
}

// Colours are presentation attributes, not style attributes, so the page's
// Content-Security-Policy (style-src 'self') lets them through.
const (
	barFill  = "#0b5394"
	textFill = "#1b1f24"
	lineFill = "#6b7783"
	// Text sizes in units of the 480-wide viewBox. Drawn at most 480 px wide (30rem), the text is
	// 17–18 px on a desktop and stays about 12 px on a 360 px phone screen.
	labelSize = 18
	valueSize = 17
)

// Columns draws vertical bars, one per Bar, labelled below and valued above: the requests per
// month. It scales to the width of its container (viewBox, width 100%).
func Columns(c Chart) template.HTML {
	const (
		width  = 480
		top    = 28 // room for the value above the tallest bar
		plot   = 200
		bottom = 30 // room for the labels
		height = top + plot + bottom
	)
	var b builder
	b.open(c, width, height)
	n := len(c.Bars)
	if n > 0 {
		step := float64(width) / float64(n)
		barW := step * 0.7
		base := float64(top + plot) // the baseline the bars stand on
		peak := maxValue(c.Bars)
		for i, bar := range c.Bars {
			h := 0.0
			if peak > 0 {
				h = float64(plot) * float64(max0(bar.Value)) / float64(peak)
			}
			x := step*float64(i) + (step-barW)/2
			cx := step*float64(i) + step/2
			b.raw(`<g>`)
			b.tag("title", bar.name()+": "+bar.text())
			b.raw(`<rect x="` + num(x) + `" y="` + num(base-h) + `" width="` + num(barW) +
				`" height="` + num(h) + `" fill="` + barFill + `"/>`)
			b.text(cx, base-h-6, valueSize, "middle", bar.text())
			b.text(cx, base+22, labelSize, "middle", bar.Label)
			b.raw(`</g>`)
		}
	}
	b.raw(`<line x1="0" y1="` + num(top+plot) + `" x2="` + num(width) + `" y2="` + num(top+plot) +
		`" stroke="` + lineFill + `" stroke-width="1"/>`)
	return b.close()
}

// HBars draws horizontal bars, each with its label on a line of its own above it so long labels
// fit a phone screen, and the value at the end of the bar: decisions by kind.
func HBars(c Chart) template.HTML {
	const (
		width  = 480
		row    = 52 // label line + bar + gap
		barH   = 20
		valueW = 56 // room for the value right of the longest bar
	)
	height := max(row*len(c.Bars), row)
	var b builder
	b.open(c, width, height)
	peak := maxValue(c.Bars)
	for i, bar := range c.Bars {
		y := float64(row * i)
		w := 0.0
		if peak > 0 {
			w = float64(width-valueW) * float64(max0(bar.Value)) / float64(peak)
		}
		b.raw(`<g>`)
		b.tag("title", bar.name()+": "+bar.text())
		b.text(0, y+18, labelSize, "start", bar.Label)
		b.raw(`<rect x="0" y="` + num(y+24) + `" width="` + num(w) + `" height="` + num(barH) +
			`" fill="` + barFill + `"/>`)
		b.text(w+6, y+24+barH-4, valueSize, "start", bar.text())
		b.raw(`</g>`)
	}
	return b.close()
}

func (b Bar) text() string {
	if b.Text != "" {
		return b.Text
	}
	return strconv.Itoa(b.Value)
}

func (b Bar) name() string {
	if b.Name != "" {
		return b.Name
	}
	return b.Label
}

func maxValue(bars []Bar) int {
	m := 0
	for _, b := range bars {
		m = max(m, b.Value)
	}
	return m
}

func max0(v int) int { return max(v, 0) }

// num prints a coordinate with at most one decimal.
func num(f float64) string {
	return strconv.FormatFloat(float64(int(f*10+0.5))/10, 'f', -1, 64)
}

// builder writes SVG; every piece of caller text goes through escape.
type builder struct {
	sb strings.Builder
	id string
}

func (b *builder) raw(s string) { b.sb.WriteString(s) }

func (b *builder) escape(s string) {
	xml.EscapeText(&b.sb, []byte(s)) // never fails on a strings.Builder
}

func (b *builder) tag(name, text string) {
	b.raw("<" + name + ">")
	b.escape(text)
	b.raw("</" + name + ">")
}

func (b *builder) text(x, y float64, size int, anchor, s string) {
	b.raw(`<text x="` + num(x) + `" y="` + num(y) + `" font-size="` + strconv.Itoa(size) +
		`" text-anchor="` + anchor + `" fill="` + textFill + `">`)
	b.escape(s)
	b.raw(`</text>`)
}

func (b *builder) open(c Chart, width, height int) {
	b.id = safeID(c.ID)
	t, d := b.id+"-title", b.id+"-desc"
	b.raw(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="` + t + ` ` + d +
		`" viewBox="0 0 ` + strconv.Itoa(width) + ` ` + strconv.Itoa(height) + `" width="100%" preserveAspectRatio="xMidYMid meet">`)
	b.raw(`<title id="` + t + `">`)
	b.escape(c.Title)
	b.raw(`</title><desc id="` + d + `">`)
	b.escape(describe(c))
	b.raw(`</desc>`)
}

func (b *builder) close() template.HTML {
	b.raw(`</svg>`)
	// Safe: the markup above is fixed, numbers are formatted here, and caller text is escaped.
	return template.HTML(b.sb.String())
}

// describe is the description read out: the caller's sentence, then every value.
func describe(c Chart) string {
	parts := make([]string, len(c.Bars))
	for i, bar := range c.Bars {
		parts[i] = bar.name() + ": " + bar.text()
	}
	desc := strings.TrimSpace(c.Desc)
	if len(parts) == 0 {
		return strings.TrimSpace(desc + " Tidak ada data.")
	}
	if desc != "" {
		desc += " "
	}
	return desc + strings.Join(parts, "; ") + "."
}

// safeID keeps letters, digits and '-', so the id is safe in an attribute and as an IDREF.
func safeID(id string) string {
	var sb strings.Builder
	for _, r := range id {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			sb.WriteRune(r)
		}
	}
	s := sb.String()
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		return "chart-" + s // an id starts with a letter
	}
	return s
}
