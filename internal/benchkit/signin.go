package benchkit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
)

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// SignIn signs an officer in like a browser — the form, its CSRF token, the POST, a 303 to
// /kantor — and returns a client holding the session, with a pool of conns connections.
func SignIn(ctx context.Context, baseURL, email, password string, conns int) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	client := NewHTTPClient(conns)
	client.Jar = jar
	// The 303 itself is what proves the login; following it would hide a failure.
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/kantor/masuk", nil)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /kantor/masuk: %w", &StatusError{Code: resp.StatusCode, Body: string(page)})
	}
	m := csrfField.FindSubmatch(page)
	if m == nil {
		return nil, errors.New("GET /kantor/masuk: no csrf_token field in the form")
	}
	form := url.Values{"csrf_token": {string(m[1])}, "email": {email}, "password": {password}}
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/kantor/masuk", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, err = client.Do(req); err != nil {
		return nil, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/kantor" {
		return nil, fmt.Errorf("POST /kantor/masuk: want 303 to /kantor, got %w (Location %q)",
			&StatusError{Code: resp.StatusCode, Body: string(body)}, resp.Header.Get("Location"))
	}
	return client, nil
}
