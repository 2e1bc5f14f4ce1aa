import Appeals
import ServiceKit

await ServiceMain.run(AppealsService.definition)
