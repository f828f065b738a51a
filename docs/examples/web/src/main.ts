import './style.css';
import { loadConfig } from './config';
import { signIn, type Session } from './auth';
import { GraphQlFailure, Hub } from './api';
import { AddTask, ChangeTaskStatus, DeleteTask, PlanQuery, PlansQuery, ProposeTask, TaskChanges } from './documents';
import type { ExamplePlanQuery, ExampleTaskFragment, Party, TaskStatus } from './gql/graphql';

// One page: a work plan with its workstreams and tasks, kept up to date by the taskChanged
// subscription. Every button is shown only when the item's capability (viewerCan…) says the
// viewer may do it; the hub decides those with the same rule that checks the mutation.

type Workstream = NonNullable<ExamplePlanQuery['workPlan']>['workstreams']['edges'][number]['node'];

const $ = <E extends HTMLElement>(id: string) => document.getElementById(id) as E;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {},
                                                       ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  // text is always set as text, never as HTML
  children.forEach((child) => node.append(child));
  return node;
}

function showError(error: unknown) {
  const text = error instanceof GraphQlFailure ? error.message : String(error);
  $('plan').prepend(element('p', { class: 'error', role: 'alert' }, text));
}

/** The usual next step of a task's life (docs/api.md lists every transition the hub allows). */
const NEXT_STEP: Partial<Record<TaskStatus, { label: string; to: TaskStatus }>> = {
  PLANNED: { label: 'Start', to: 'IN_PROGRESS' },
  IN_PROGRESS: { label: 'Mark done', to: 'DONE' },
  BLOCKED: { label: 'Resume', to: 'IN_PROGRESS' },
};

function taskItem(hub: Hub, task: ExampleTaskFragment): HTMLLIElement {
  const item = element('li', { class: 'task', 'data-id': task.id },
      element('span', { class: 'title' }, task.title),
      element('span', { class: `status status-${task.status}` }, task.status),
      element('span', { class: task.overdue ? 'due overdue' : 'due' }, task.dueDate ?? ''));
  const step = NEXT_STEP[task.status];
  if (task.viewerCanUpdate && step) {
    const advance = element('button', { type: 'button', class: 'advance' }, step.label);
    advance.onclick = () => hub.request(ChangeTaskStatus, { input: { id: task.id, expectedVersion: task.version, status: step.to } })
        .then((r) => r.updateTask.errors.forEach((e) => showError(e.message)), showError);
    item.append(advance);
  }
  if (task.viewerCanDelete) {
    const remove = element('button', { type: 'button', class: 'delete' }, 'Delete');
    remove.onclick = () => hub.request(DeleteTask, { input: { id: task.id, expectedVersion: task.version } })
        .then((r) => r.deleteTask.errors.forEach((e) => showError(e.message)), showError);
    item.append(remove);
  }
  return item;
}

/** "Add task" for who may create tasks here; "Propose task" for who may only propose them. */
function newTaskForm(hub: Hub, workstream: Workstream): HTMLFormElement | null {
  const adds = workstream.viewerCanAddTask;
  if (!adds && !workstream.viewerCanProposeTask) {
    return null;
  }
  const title = element('input', { name: 'title', required: '', placeholder: 'Title', 'aria-label': 'Title' });
  const form = element('form', { class: adds ? 'add-task' : 'propose-task' }, title,
      element('button', { type: 'submit' }, adds ? 'Add task' : 'Propose task'));
  form.onsubmit = (event) => {
    event.preventDefault();
    const input = { workstreamId: workstream.id, title: title.value, kind: 'ACTION' as const,
                    responsible: workstream.lead as Party };
    const sent = adds
        ? hub.request(AddTask, { input }).then((r) => r.createTask.errors)
        : hub.request(ProposeTask, { input }).then((r) => r.proposeTask.errors);
    sent.then((errors) => {
      errors.forEach((e) => showError(e.message));
      if (errors.length === 0) {
        title.value = '';
      }
    }, showError);
  };
  return form;
}

function renderPlan(hub: Hub, plan: NonNullable<ExamplePlanQuery['workPlan']>) {
  const root = $('plan');
  root.replaceChildren(
      element('h1', {}, plan.title),
      element('p', { class: 'meta' }, `Cycle ${plan.cycle} · ${plan.status}`),
      ...plan.workstreams.edges.map(({ node: workstream }) => {
        const tasks = element('ul', { class: 'tasks' },
            ...workstream.tasks.edges.map(({ node }) => taskItem(hub, node)));
        const section = element('section', { class: 'workstream', 'data-id': workstream.id },
            element('h2', {}, workstream.title, element('small', {}, ` led by ${workstream.lead}`)), tasks);
        const form = newTaskForm(hub, workstream);
        if (form) {
          section.append(form);
        }
        return section;
      }));
}

/** A change from the subscription: the task is added, replaced or removed in place. */
function applyChange(hub: Hub, kind: string, taskId: string, task: ExampleTaskFragment | null | undefined): boolean {
  const current = document.querySelector<HTMLLIElement>(`li.task[data-id="${CSS.escape(taskId)}"]`);
  if (kind === 'DELETED' || kind === 'REVOKED' || !task) {
    current?.remove();
    return true;
  }
  const list = document.querySelector(`section.workstream[data-id="${CSS.escape(task.workstream.id)}"] ul.tasks`);
  if (!list) {
    return false;   // a workstream this page does not show yet: reload the plan
  }
  const item = taskItem(hub, task);
  if (current && current.parentElement === list) {
    current.replaceWith(item);
  } else {
    current?.remove();
    list.append(item);
  }
  return true;
}

async function showPlan(hub: Hub, planId: string): Promise<() => void> {
  const load = async () => {
    const { workPlan } = await hub.request(PlanQuery, { id: planId });
    if (workPlan) {
      renderPlan(hub, workPlan);
      const option = document.querySelector<HTMLOptionElement>(`#plans option[value="${CSS.escape(planId)}"]`);
      if (option) {
        option.textContent = `${workPlan.title} (${workPlan.cycle})`;
      }
    } else {
      $('plan').replaceChildren(element('p', {}, 'This work plan does not exist or is not visible to you.'));
    }
  };
  await load();
  return hub.live(TaskChanges, (after) => ({ workPlanId: planId, after }), (data) => data.taskChanged.cursor,
      ({ taskChanged: change }) => {
        if (!applyChange(hub, change.kind, change.taskId, change.task)) {
          load().catch(showError);
        }
      });
}

async function start() {
  const config = await loadConfig();
  const session: Session = await signIn(config);
  $('user').textContent = session.username();
  $('sign-out').onclick = () => session.signOut();
  const hub = new Hub(config, session, (state) => {
    $('live').textContent = state;
    $('live').className = `live live-${state}`;
  });

  const { workPlans } = await hub.request(PlansQuery, {});
  const select = $<HTMLSelectElement>('plans');
  select.replaceChildren(...workPlans.edges.map(({ node }) =>
      element('option', { value: node.id }, `${node.title} (${node.cycle})`)));
  // a link may name any plan the viewer can see, listed among the first twenty or not
  const requested = new URLSearchParams(location.search).get('plan');
  if (requested) {
    if (!workPlans.edges.some(({ node }) => node.id === requested)) {
      select.prepend(element('option', { value: requested }, 'Linked plan'));
    }
    select.value = requested;
  }
  let stop = () => {};
  const open = async (planId: string) => {
    stop();
    stop = await showPlan(hub, planId);
  };
  select.onchange = () => open(select.value).catch(showError);
  if (select.value) {
    await open(select.value);
  }
}

start().catch(showError);
