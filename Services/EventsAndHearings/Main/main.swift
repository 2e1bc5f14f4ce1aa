import EventsAndHearings
import ServiceKit

ServiceMain.runTasksOnEventLoops()
await ServiceMain.run(EventsAndHearingsService.definition)
