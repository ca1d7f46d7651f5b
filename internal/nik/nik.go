// Package nik checks, normalizes and masks the Indonesian population number
// (Nomor Induk Kependudukan) that citizens type into request forms.
package nik

import (
	"strings"
	"time"
	"unicode"
)

// Length is the number of digits in a NIK.
const Length = 16

// Messages are shown next to the form field, so they are in Bahasa Indonesia.
const (
	msgFormat = "NIK harus 16 digit angka."
	msgRegion = "Kode wilayah NIK tidak dikenal."
	msgBirth  = "Tanggal lahir pada NIK tidak valid."
	msgSerial = "Nomor urut NIK tidak boleh 0000."
)

// Validate returns "" when nik is plausible, else a message for the form field.
// It expects the output of Normalize; it checks structure only, not the Dukcapil registry.
func Validate(nik string) string {
	if len(nik) != Length {
		return msgFormat
	}
	for i := 0; i < len(nik); i++ {
		if nik[i] < '0' || nik[i] > '9' {
			return msgFormat
		}
	}
	if !knownProvince(num(nik[0:2])) || num(nik[2:4]) == 0 || num(nik[4:6]) == 0 {
		return msgRegion
	}
	if !validBirthDate(num(nik[6:8]), num(nik[8:10]), num(nik[10:12])) {
		return msgBirth
	}
	if nik[12:16] == "0000" {
		return msgSerial
	}
	return ""
}

// Normalize removes the spaces, dots and dashes people use to group the digits.
func Normalize(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '.' || r == '-' {
			return -1
		}
		return r
	}, s)
}

// Mask shows only the province code and the serial, e.g. "32**********0001".
// Input that is not 16 bytes long becomes 16 stars, so nothing about it leaks.
func Mask(nik string) string {
	if len(nik) != Length {
		return strings.Repeat("*", Length)
	}
	return nik[:2] + strings.Repeat("*", Length-6) + nik[Length-4:]
}

// knownProvince reports whether code is a province code issued by Kemendagri,
// including the Papua provinces created in 2022.
func knownProvince(code int) bool {
	switch {
	case code >= 11 && code <= 19, code == 21,
		code >= 31 && code <= 36,
		code >= 51 && code <= 53,
		code >= 61 && code <= 65,
		code >= 71 && code <= 76,
		code == 81, code == 82,
		code >= 91 && code <= 97:
		return true
	}
	return false
}

// validBirthDate checks the DDMMYY block; women's days are stored plus 40.
func validBirthDate(day, month, yy int) bool {
	if day > 40 {
		day -= 40
	}
	if day < 1 || day > 31 || month < 1 || month > 12 {
		return false
	}
	// The century is not encoded, so accept a day that exists in either.
	return day <= daysIn(time.Month(month), 1900+yy) || day <= daysIn(time.Month(month), 2000+yy)
}

func daysIn(m time.Month, year int) int {
	// Day 0 of the next month normalizes to the last day of m.
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// num parses a short run of ASCII digits already checked by the caller.
func num(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
