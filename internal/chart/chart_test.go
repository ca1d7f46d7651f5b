package chart

import (
	"bytes"
	"encoding/xml"
	"html/template"
	"io"
	"strings"
	"testing"
)

// parse walks the SVG as XML and returns its elements' names and attributes in order, and its text.
func parse(t *testing.T, svg template.HTML) ([]xml.StartElement, string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(string(svg)))
	var els []xml.StartElement
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, svg)
		}
		switch v := tok.(type) {
		case xml.StartElement:
			els = append(els, v.Copy())
		case xml.CharData:
			text.Write(v)
		}
	}
	return els, text.String()
}

func attr(e xml.StartElement, name string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

func months() []Bar {
	names := []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
	bars := make([]Bar, 12)
	for i, n := range names {
		bars[i] = Bar{Label: n[:3], Name: n, Value: i % 4}
	}
	return bars
}

func TestChartIsAccessibleSVG(t *testing.T) {
	for name, svg := range map[string]template.HTML{
		"columns": Columns(Chart{ID: "per-bulan", Title: "Permohonan per bulan 2026", Desc: "Jumlah permohonan yang diterima setiap bulan.", Bars: months()}),
		"hbars": HBars(Chart{ID: "putusan", Title: "Putusan", Desc: "Putusan menurut jenisnya.", Bars: []Bar{
			{Label: "Dikabulkan seluruhnya", Value: 7}, {Label: "Ditolak (dikecualikan)", Value: 2}, {Label: "Informasi tidak dikuasai", Value: 0}}}),
	} {
		els, text := parse(t, svg)
		root := els[0]
		if root.Name.Local != "svg" {
			t.Fatalf("%s: root %s", name, root.Name.Local)
		}
		if v, _ := attr(root, "role"); v != "img" {
			t.Errorf("%s: role %q", name, v)
		}
		if v, _ := attr(root, "width"); v != "100%" {
			t.Errorf("%s: width %q", name, v)
		}
		if v, ok := attr(root, "viewBox"); !ok || !strings.HasPrefix(v, "0 0 ") {
			t.Errorf("%s: viewBox %q", name, v)
		}
		if _, ok := attr(root, "height"); ok {
			t.Errorf("%s: a fixed height would not scale with the width", name)
		}
		// aria-labelledby names the <title> and the <desc>, which come first.
		ids := map[string]string{}
		for _, e := range els {
			if id, ok := attr(e, "id"); ok {
				ids[id] = e.Name.Local
			}
			if _, ok := attr(e, "style"); ok {
				t.Errorf("%s: style attribute on <%s> is blocked by the page's CSP", name, e.Name.Local)
			}
			if e.Name.Local == "image" || e.Name.Local == "script" || e.Name.Local == "foreignObject" {
				t.Errorf("%s: <%s> in a chart", name, e.Name.Local)
			}
			if size, ok := attr(e, "font-size"); ok && (len(size) < 2 || size < "16") {
				t.Errorf("%s: font-size %s is too small to read on a phone", name, size)
			}
		}
		labelled, _ := attr(root, "aria-labelledby")
		refs := strings.Fields(labelled)
		if len(refs) != 2 || ids[refs[0]] != "title" || ids[refs[1]] != "desc" {
			t.Errorf("%s: aria-labelledby %q does not name the title and desc (%v)", name, labelled, ids)
		}
		if els[1].Name.Local != "title" || els[2].Name.Local != "desc" {
			t.Errorf("%s: title and desc must be the first children", name)
		}
		for _, e := range els {
			for _, a := range e.Attr {
				if strings.Contains(a.Value, "NaN") || strings.Contains(a.Value, "Inf") {
					t.Errorf("%s: %s=%q", name, a.Name.Local, a.Value)
				}
			}
		}
		_ = text
	}
}

func TestChartDescriptionListsEveryValue(t *testing.T) {
	svg := Columns(Chart{ID: "m", Title: "Permohonan per bulan", Desc: "Jumlah per bulan.", Bars: months()})
	_, text := parse(t, svg)
	for _, want := range []string{"Permohonan per bulan", "Jumlah per bulan. Januari: 0; Februari: 1; Maret: 2; April: 3; Mei: 0", "Desember: 3."} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	// Every month's short label is drawn.
	for _, m := range []string{"Jan", "Feb", "Des"} {
		if !strings.Contains(string(svg), ">"+m+"</text>") {
			t.Errorf("label %s not drawn", m)
		}
	}
}

func TestChartEscapesLabels(t *testing.T) {
	hostile := `<script>alert("x")</script> & 'kutip'`
	for name, svg := range map[string]template.HTML{
		"columns": Columns(Chart{ID: `x" onload="alert(1)`, Title: hostile, Desc: hostile, Bars: []Bar{{Label: hostile, Value: 1}}}),
		"hbars":   HBars(Chart{ID: "<b>", Title: hostile, Desc: hostile, Bars: []Bar{{Label: hostile, Name: hostile, Value: 1}}}),
	} {
		s := string(svg)
		if strings.Contains(s, "<script") || strings.Contains(s, "onload=") || strings.Contains(s, `"x"`) {
			t.Errorf("%s: caller text not escaped:\n%s", name, s)
		}
		_, text := parse(t, svg)
		if !strings.Contains(text, hostile) {
			t.Errorf("%s: escaped text does not read back as given:\n%s", name, text)
		}
		// Through html/template the chart stays as drawn, not escaped twice.
		var buf bytes.Buffer
		template.Must(template.New("").Parse(`<div>{{.}}</div>`)).Execute(&buf, svg)
		if !strings.Contains(buf.String(), `<svg xmlns=`) {
			t.Errorf("%s: template escaped the chart", name)
		}
	}
}

func TestChartScalesBars(t *testing.T) {
	svg := HBars(Chart{ID: "h", Title: "t", Bars: []Bar{{Label: "a", Value: 10}, {Label: "b", Value: 5}, {Label: "c", Value: 0}}})
	els, _ := parse(t, svg)
	var widths []string
	for _, e := range els {
		if e.Name.Local == "rect" {
			w, _ := attr(e, "width")
			widths = append(widths, w)
		}
	}
	if strings.Join(widths, ",") != "424,212,0" {
		t.Errorf("bar widths %v, want 424,212,0", widths)
	}
	cols := Columns(Chart{ID: "c", Title: "t", Bars: []Bar{{Label: "a", Value: 4}, {Label: "b", Value: 1}}})
	els, _ = parse(t, cols)
	var heights []string
	for _, e := range els {
		if e.Name.Local == "rect" {
			h, _ := attr(e, "height")
			heights = append(heights, h)
		}
	}
	if strings.Join(heights, ",") != "200,50" {
		t.Errorf("column heights %v, want 200,50", heights)
	}
}

func TestChartEmptyAndZero(t *testing.T) {
	for name, svg := range map[string]template.HTML{
		"columns empty": Columns(Chart{ID: "a", Title: "Kosong"}),
		"hbars empty":   HBars(Chart{ID: "b", Title: "Kosong"}),
		"all zero":      Columns(Chart{ID: "c", Title: "Nol", Bars: []Bar{{Label: "a"}, {Label: "b"}}}),
	} {
		_, text := parse(t, svg)
		if strings.Contains(string(svg), "NaN") {
			t.Errorf("%s: NaN", name)
		}
		if strings.HasSuffix(name, "empty") && !strings.Contains(text, "Tidak ada data.") {
			t.Errorf("%s: description %q", name, text)
		}
	}
	if got := safeID("9 lives"); got != "chart-9lives" {
		t.Errorf("safeID = %q", got)
	}
}
