import { graphql } from './gql';

// Every document the client sends. `npm run codegen` types them from the hub's schema and writes
// their hashes into the trusted-document manifest (src/gql/persisted-documents.json).

export const PlansQuery = graphql(`
  query ExamplePlans {
    viewer { username roles canSeeReserved }
    workPlans(first: 20) { edges { node { id title cycle } } }
  }
`);

export const TaskFields = graphql(`
  fragment ExampleTask on Task {
    id title status dueDate overdue version
    workstream { id }
    viewerCanUpdate viewerCanDelete
  }
`);

export const PlanQuery = graphql(`
  query ExamplePlan($id: ID!) {
    workPlan(id: $id) {
      id title cycle status
      workstreams(first: 50) {
        edges {
          node {
            id title lead
            viewerCanAddTask viewerCanProposeTask
            tasks(first: 100) { edges { node { ...ExampleTask } } }
          }
        }
      }
    }
  }
`);

export const TaskChanges = graphql(`
  subscription ExampleTaskChanged($workPlanId: ID!, $after: String) {
    taskChanged(workPlanId: $workPlanId, after: $after) {
      kind taskId cursor
      task { ...ExampleTask }
    }
  }
`);

export const AddTask = graphql(`
  mutation ExampleAddTask($input: CreateTaskInput!) {
    createTask(input: $input) { task { ...ExampleTask } errors { code message field } }
  }
`);

export const ProposeTask = graphql(`
  mutation ExampleProposeTask($input: CreateTaskInput!) {
    proposeTask(input: $input) { task { ...ExampleTask } errors { code message field } }
  }
`);

export const ChangeTaskStatus = graphql(`
  mutation ExampleChangeTaskStatus($input: UpdateTaskInput!) {
    updateTask(input: $input) { task { ...ExampleTask } errors { code message field } }
  }
`);

export const DeleteTask = graphql(`
  mutation ExampleDeleteTask($input: DeleteTaskInput!) {
    deleteTask(input: $input) { deletedId errors { code message field } }
  }
`);
