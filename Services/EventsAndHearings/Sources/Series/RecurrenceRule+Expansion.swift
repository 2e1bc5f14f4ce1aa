import Foundation
import ServiceKit

extension RecurrenceRule {
    /// The calendar rules are read in: the programme's zone, so "every second Tuesday at 10:00" stays at
    /// 10:00 in Bishkek whatever UTC says.
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: EventDocument.displayTimeZone)!
        calendar.firstWeekday = 2 // RFC 5545's default week start, WKST=MO
        return calendar
    }

    /// The most periods (days, weeks, months, years) one expansion walks, so a rule that rarely matches
    /// cannot keep a request busy.
    static let maxPeriods = 50_000

    /// The starts of the series' occurrences, first to last, from `start` (the series' first occurrence)
    /// until the rule ends or a start would be at or after `windowEnd`.
    func starts(from start: Date, before windowEnd: Date) -> [Date] {
        let calendar = Self.calendar
        let time = calendar.dateComponents([.hour, .minute, .second], from: start)
        var starts: [Date] = []
        for period in 0..<Self.maxPeriods {
            for day in candidateDays(period: period, start: start, calendar: calendar) {
                var components = day
                components.hour = time.hour
                components.minute = time.minute
                components.second = time.second
                guard let candidate = calendar.date(from: components), candidate >= start else { continue }
                if case .until(let until) = end, candidate > until { return starts }
                if candidate >= windowEnd { return starts }
                starts.append(candidate)
                if case .count(let count) = end, starts.count == count { return starts }
            }
        }
        return starts
    }

    /// The days (year, month, day) of one period that the rule selects, in order.
    private func candidateDays(period: Int, start: Date, calendar: Calendar) -> [DateComponents] {
        let first = calendar.startOfDay(for: start)
        switch frequency {
        case .daily:
            guard let day = calendar.date(byAdding: .day, value: period * interval, to: first) else { return [] }
            return matchesFilters(day, calendar: calendar) ? [calendar.dateComponents([.year, .month, .day], from: day)] : []
        case .weekly:
            guard let week = calendar.dateInterval(of: .weekOfYear, for: first)?.start,
                let periodStart = calendar.date(byAdding: .weekOfYear, value: period * interval, to: week)
            else { return [] }
            let weekdays = days.isEmpty ? [calendar.component(.weekday, from: first)] : days.map(\.weekday.calendarWeekday)
            return (0..<7).compactMap { offset in
                guard let day = calendar.date(byAdding: .day, value: offset, to: periodStart),
                    weekdays.contains(calendar.component(.weekday, from: day))
                else { return nil }
                return calendar.dateComponents([.year, .month, .day], from: day)
            }
        case .monthly:
            guard let month = calendar.date(byAdding: .month, value: period * interval, to: monthStart(of: first, calendar: calendar)) else { return [] }
            return monthlyDays(in: month, start: first, calendar: calendar)
        case .yearly:
            let origin = calendar.dateComponents([.year, .month, .day], from: first)
            var components = DateComponents(year: origin.year! + period * interval, month: origin.month, day: origin.day)
            // 29 February happens only in leap years; other years have no occurrence, as RFC 5545 says.
            guard let day = calendar.date(from: components), calendar.component(.day, from: day) == origin.day else { return [] }
            components = calendar.dateComponents([.year, .month, .day], from: day)
            return [components]
        }
    }

    /// A monthly period's days: BYMONTHDAY's, limited by BYDAY's when both are given; BYDAY's alone; or the
    /// start's day of the month (skipping months without it).
    private func monthlyDays(in month: Date, start: Date, calendar: Calendar) -> [DateComponents] {
        let length = calendar.range(of: .day, in: .month, for: month)!.count
        let all = (1...length).map { calendar.date(byAdding: .day, value: $0 - 1, to: month)! }
        var selected: [Date]
        if !monthDays.isEmpty {
            let wanted = Set(monthDays.map { $0 > 0 ? $0 : length + 1 + $0 })
            selected = all.filter { wanted.contains(calendar.component(.day, from: $0)) }
            if !days.isEmpty { selected = selected.filter { weekdayMatches($0, calendar: calendar, among: all) } }
        } else if !days.isEmpty {
            selected = all.filter { weekdayMatches($0, calendar: calendar, among: all) }
        } else {
            let day = calendar.component(.day, from: start)
            selected = all.filter { calendar.component(.day, from: $0) == day }
        }
        return selected.map { calendar.dateComponents([.year, .month, .day], from: $0) }
    }

    /// Whether `day` is one of BYDAY's: its weekday, and when an ordinal is given, that one of the month's.
    private func weekdayMatches(_ day: Date, calendar: Calendar, among month: [Date]) -> Bool {
        let weekday = calendar.component(.weekday, from: day)
        return days.contains { entry in
            guard entry.weekday.calendarWeekday == weekday else { return false }
            guard let ordinal = entry.ordinal else { return true }
            let same = month.filter { calendar.component(.weekday, from: $0) == weekday }
            let index = ordinal > 0 ? ordinal - 1 : same.count + ordinal
            return same.indices.contains(index) && same[index] == day
        }
    }

    /// BYDAY and BYMONTHDAY narrowing a daily rule.
    private func matchesFilters(_ day: Date, calendar: Calendar) -> Bool {
        if !days.isEmpty, !days.contains(where: { $0.weekday.calendarWeekday == calendar.component(.weekday, from: day) }) { return false }
        if !monthDays.isEmpty {
            let length = calendar.range(of: .day, in: .month, for: day)!.count
            let dayOfMonth = calendar.component(.day, from: day)
            if !monthDays.contains(where: { ($0 > 0 ? $0 : length + 1 + $0) == dayOfMonth }) { return false }
        }
        return true
    }

    private func monthStart(of day: Date, calendar: Calendar) -> Date {
        calendar.date(from: calendar.dateComponents([.year, .month], from: day))!
    }
}
