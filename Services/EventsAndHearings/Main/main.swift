import EventsAndHearings
import ServiceKit

await ServiceMain.run(EventsAndHearingsService.definition)
