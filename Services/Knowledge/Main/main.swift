import Knowledge
import ServiceKit

ServiceMain.runTasksOnEventLoops()
await ServiceMain.run(KnowledgeService.definition)
