package web

import (
	"bytes"
	"html/template"
	"strconv"

	"github.com/terbuka-id/terbuka/internal/request"
)

// The queue filter's option lists are written in Go like its rows (writeQueueRows): as template
// ranges, every option's value, comparison and label went through html/template's reflection,
// two fifths of the page template's time (BenchmarkQueuePage profile). Values and labels are
// escaped by writeEscaped (ASVS 5.3.3).

// StatusOptions are the status filter's options, the chosen one selected.
func (v queueView) StatusOptions() template.HTML {
	return codeOptions(request.Statuses, v.Params.Status)
}

// ChannelOptions are the channel filter's options.
func (v queueView) ChannelOptions() template.HTML {
	return codeOptions(request.Channels, v.Params.Channel)
}

// ClockOptions are the clock-state filter's options.
func (v queueView) ClockOptions() template.HTML {
	return codeOptions(queueClockOptions, v.Params.Clock)
}

// UnitOptions are the unit filter's options.
func (v queueView) UnitOptions() template.HTML {
	var b bytes.Buffer
	for _, u := range v.Units {
		writeIDOption(&b, u.ID, u.Name, v.Params.Unit)
	}
	return template.HTML(b.String()) // escaped by writeIDOption
}

// OfficerOptions are the officers as options, chosen ("" for none) selected: for the officer
// filter and the bulk assignment.
func (v queueView) OfficerOptions(chosen string) template.HTML {
	var b bytes.Buffer
	for _, o := range v.Officers {
		writeIDOption(&b, o.ID, o.Name, chosen)
	}
	return template.HTML(b.String()) // escaped by writeIDOption
}

func codeOptions(opts []request.Option, chosen string) template.HTML {
	var b bytes.Buffer
	for _, o := range opts {
		writeOption(&b, o.Code, o.Label, o.Code == chosen)
	}
	return template.HTML(b.String()) // escaped by writeOption
}

func writeIDOption(b *bytes.Buffer, id int64, label, chosen string) {
	value := strconv.FormatInt(id, 10)
	writeOption(b, value, label, value == chosen)
}

func writeOption(b *bytes.Buffer, value, label string, selected bool) {
	b.WriteString(`<option value="`)
	writeEscaped(b, value)
	if selected {
		b.WriteString(`" selected>`)
	} else {
		b.WriteString(`">`)
	}
	writeEscaped(b, label)
	b.WriteString("</option>")
}
