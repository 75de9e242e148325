// How PHP prints a double in json_encode, and how we reproduce it.
//
// php-src ext/json/json_encoder.c, php_json_encode_double():
//     zend_gcvt(d, (int)PG(serialize_precision), '.', 'e', num);   // then ".0" only with JSON_PRESERVE_ZERO_FRACTION
// (php_gcvt in main/snprintf.c before PHP 8.1; same body). With serialize_precision = -1 (the default since 7.1),
// zend_gcvt switches zend_dtoa to mode 0, "shortest string that round-trips", and sets ndigit = 17. Given those
// digits D1..Dn (no leading or trailing zeros) and decpt, the position of the decimal point
// (value = 0.D1..Dn × 10^decpt), it prints:
//   - exponential when decpt > 17 or decpt < -3: D1 "." D2..Dn (or "0" when n = 1) "e" sign exponent, where
//     exponent = decpt - 1 is written in plain decimal, sign always present: 1.0e-5, 1.5e-7, 1.0e+20, 1.0e+17;
//   - "0." followed by -decpt zeros and the digits when -3 <= decpt <= 0: 0.1, 0.0001;
//   - otherwise the digits with the point inserted after decpt of them, padded with zeros when decpt > n, and no
//     point at all when nothing follows it: 1, 1705764932, 10000000000000000 (1e16, decpt = 17), 98.6.
// A negative value gets a leading "-" (so -0.0 prints "-0"). NaN and ±INF make json_encode fail
// (JSON_ERROR_INF_OR_NAN) or, with JSON_PARTIAL_OUTPUT_ON_ERROR, print 0; we always print 0 so that a response
// is never lost to one bad number.
//
// Swift's `Double.description` yields the same shortest round-trip digits (Swift uses SwiftDtoa, which picks the
// shortest and, among those, the closest digits, as dtoa mode 0 does); only its layout differs ("1e-05", "1e+16"),
// so we take the digits and exponent from it and lay them out as above.

extension JSONWriter {
    /// Appends `value` formatted exactly as PHP's `json_encode` does with `serialize_precision = -1`.
    mutating func appendPHPDouble(_ value: Double) {
        guard value.isFinite else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value == 0 {
            if value.sign == .minus {
                bytes.append(UInt8(ascii: "-"))
            }
            bytes.append(UInt8(ascii: "0"))
            return
        }
        // Integral values below 2^53 have at most 16 digits, so they always take the plain branch: print as integers.
        if value.magnitude < 9_007_199_254_740_992 {
            let integer = Int64(value)  // in range, so exact truncation, no trap
            if Double(integer) == value {
                appendInteger(integer)
                return
            }
        }
        let description = value.description
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digits in
            var count = 0
            var decimalPoint = 0
            var seenDot = false
            var inExponent = false
            var exponentIsNegative = false
            var exponent = 0
            for byte in description.utf8 {
                switch byte {
                case UInt8(ascii: "."):
                    seenDot = true
                case UInt8(ascii: "e"), UInt8(ascii: "E"):
                    inExponent = true
                case UInt8(ascii: "-"):
                    exponentIsNegative = inExponent
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if inExponent {
                        exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                        continue
                    }
                    if !seenDot {
                        decimalPoint += 1
                    }
                    if count == 0, byte == UInt8(ascii: "0") {
                        decimalPoint -= 1  // a leading zero is not a significant digit
                    } else if count < digits.count {
                        digits[count] = byte
                        count += 1
                    }
                default:
                    continue
                }
            }
            while count > 1, digits[count - 1] == UInt8(ascii: "0") {
                count -= 1
            }
            decimalPoint += exponentIsNegative ? -exponent : exponent
            if value < 0 {
                bytes.append(UInt8(ascii: "-"))
            }
            appendGcvtLayout(digits: UnsafeBufferPointer(rebasing: digits[..<count]), decimalPoint: decimalPoint)
        }
    }

    /// Lays out significant `digits` with the given `decimalPoint` like zend_gcvt with precision 17.
    private mutating func appendGcvtLayout(digits: UnsafeBufferPointer<UInt8>, decimalPoint: Int) {
        guard let first = digits.first else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if decimalPoint > 17 || decimalPoint < -3 {
            bytes.append(first)
            bytes.append(UInt8(ascii: "."))
            if digits.count == 1 {
                bytes.append(UInt8(ascii: "0"))
            } else {
                bytes.append(contentsOf: digits.dropFirst())
            }
            bytes.append(UInt8(ascii: "e"))
            let exponent = decimalPoint - 1
            bytes.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            appendInteger(Int64(exponent.magnitude))
        } else if decimalPoint <= 0 {
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -decimalPoint))
            bytes.append(contentsOf: digits)
        } else if digits.count <= decimalPoint {
            bytes.append(contentsOf: digits)
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimalPoint - digits.count))
        } else {
            bytes.append(contentsOf: digits[..<decimalPoint])
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: digits[decimalPoint...])
        }
    }
}
